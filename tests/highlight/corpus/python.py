import json
from pathlib import Path

class Site:
    """A Hugo site on disk."""

    def __init__(self, root: Path, drafts: bool = False) -> None:
        self.root = root
        self.drafts = drafts

    @property
    def pages(self):
        return sorted(p for p in self.root.glob("content/**/*.md") if p.stat().st_size > 0)

    def config(self) -> dict:
        with open(self.root / "hugo.json") as f:
            return json.load(f)  # may raise


if __name__ == "__main__":
    print(f"{len(Site(Path('.')).pages)} pages", 3.14, 0x2A, None)
