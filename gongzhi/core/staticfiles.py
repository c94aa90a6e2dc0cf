"""Static files from packages, found one file at a time: only the files pages load.

A package's folder holds every build, source map and test page it ships. The npm packages (from npm's
lock file into node_modules/, `make assets`) are read from `settings.GONGZHI_VENDOR_FILES` (static path
→ file); the installed Django apps' static folders only for the paths in
`settings.GONGZHI_APP_STATIC_FILES`. Nothing else is found, collected or served.
"""

from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import AppDirectoriesFinder, BaseFinder
from django.core import checks
from django.core.files.storage import FileSystemStorage, Storage


class VendorFileFinder(BaseFinder):
    """Exactly the npm files the settings list, each under the static path pages use."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.files = {path: Path(source) for path, source in settings.GONGZHI_VENDOR_FILES.items()}

    def check(self, **kwargs) -> list[checks.CheckMessage]:
        return [
            checks.Warning(f"{source} is missing (run `make assets`).", id="gongzhi.W001", obj=path)
            for path, source in self.files.items()
            if not source.is_file()
        ]

    def find(self, path, find_all=False, **kwargs):  # untyped: the stubs overload find_all as literals
        source = self.files.get(path)
        if source is None or not source.is_file():
            return []  # what Django's own finders answer for "not here", with or without find_all
        return [str(source)] if find_all else str(source)

    def list(self, ignore_patterns) -> Iterator[tuple[str, FileSystemStorage]]:
        for path, source in self.files.items():
            if source.is_file():
                storage = FileSystemStorage(location=source.parent)
                storage.prefix = str(Path(path).parent)  # type: ignore[attr-defined]  # where collectstatic puts it
                yield source.name, storage


class UsedAppFilesFinder(AppDirectoriesFinder):
    """The installed apps' static files, limited to the paths the settings list."""

    def find(self, path, find_all=False, **kwargs):  # untyped: the stubs overload find_all as literals
        if path not in settings.GONGZHI_APP_STATIC_FILES:
            return []
        return super().find(path, find_all=find_all, **kwargs)

    def list(self, ignore_patterns) -> Iterator[tuple[str, Storage]]:
        for path, storage in super().list(ignore_patterns):
            if path.replace("\\", "/") in settings.GONGZHI_APP_STATIC_FILES:
                yield path, storage
