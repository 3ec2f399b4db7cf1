"""The README's command-line examples run on the shipped sample (data/) and do what they say."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def cli_examples() -> list[str]:
    """The ``archive …`` lines of the README's "From the command line" block, comments cut."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"### From the command line\n\n```sh\n(.*?)```", text, re.S).group(1)
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.startswith("archive ")]


@pytest.fixture(scope="module")
def sample_index(tmp_path_factory):
    index = tmp_path_factory.mktemp("readme") / "index"
    result = CliRunner().invoke(cli, ["rebuild", str(ROOT / "data"), "--index", str(index)])
    assert result.exit_code == 0, result.output
    return index


def run(line: str, index: Path, monkeypatch) -> str:
    monkeypatch.chdir(ROOT)  # the examples name data/ and index/ relative to the clone
    args = shlex.split(line)[1:]
    if ">" in args:
        args = args[: args.index(">")]
    result = CliRunner().invoke(cli, [*args, "--index", str(index)])
    assert result.exit_code == 0, f"{line}\n{result.output}"
    assert result.output.strip(), line
    return result.output


def test_the_readme_has_cli_examples():
    examples = cli_examples()
    assert len(examples) >= 15 and all(line.startswith("archive ") for line in examples)


@pytest.mark.parametrize("line", [line for line in cli_examples()
                                  if line.split()[1] not in ("serve", "rebuild", "update")])
def test_each_cli_example_runs_on_the_sample(sample_index, monkeypatch, line):
    output = run(line, sample_index, monkeypatch)
    if line.startswith("archive search") and "--json" not in line and "--csv" not in line:
        assert re.match(r"\d[\d,]* results? for ", output), output  # it finds something
    if line == "archive people teig":
        assert re.search(r"^\s+2  Chrissy Teigen$", output, re.M)  # as the README's comment says


def test_update_example_runs_on_the_sample(tmp_path, monkeypatch):
    index = tmp_path / "index"
    assert "Indexed 45 articles" in run("archive rebuild", index, monkeypatch)  # data/ by default
    assert "0 added, 0 changed, 0 removed" in run("archive update", index, monkeypatch)


def test_the_python_example_runs_on_the_sample(tmp_path, monkeypatch):
    """The README's "From Python" block, run as it is (but for serving) in a folder with data/."""
    text = README.read_text(encoding="utf-8")
    code = re.search(r"### From Python\n\n```python\n(.*?)```", text, re.S).group(1)
    lines = [line for line in code.splitlines() if not line.startswith("arc.serve(")]
    assert len(lines) == len(code.splitlines()) - 1  # only serving is left out
    (tmp_path / "data").symlink_to(ROOT / "data")
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile("from archive.export import csv_text\n" + "\n".join(lines), "README", "exec"), scope)
    assert scope["report"].indexed == 45 and scope["res"].total >= 1
    assert scope["p"].name == "Chrissy Teigen" and scope["p"].articles.total >= 1
