"""The uploaded-files half of a backup: every file in the default storage
(portfolio photos, résumés, screenshots — see careerdev.portfolios), read and
written through the storage API, so it is the files the app itself serves."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import Storage, default_storage

from .archive import BackupFailed


def stored_names(storage: Storage = default_storage) -> list[str]:
    """Every file's name in the storage, sorted."""
    names, folders = [], [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, files = storage.listdir(folder)
        except FileNotFoundError:  # nothing uploaded yet: no media folder at all
            continue
        names += [str(PurePosixPath(folder, f)) for f in files]
        folders += [str(PurePosixPath(folder, d)) for d in subfolders]
    return sorted(names)


def copy_media(into: Path, storage: Storage = default_storage) -> dict[str, Path]:
    """Copy every stored file under `into`, by name. A file deleted while
    this runs (a student replacing a photo) is simply not in the backup."""
    copies = {}
    for name in stored_names(storage):
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with storage.open(name, "rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy)
        except FileNotFoundError:
            target.unlink(missing_ok=True)
            continue
        copies[name] = target
    return copies


def restore_media(files: dict[str, Path], storage: Storage = default_storage) -> int:
    """Make the storage hold exactly these files: each written under its own
    name, and every other file removed (the restored database no longer
    refers to it). Returns how many files were removed."""
    for name, path in sorted(files.items()):
        if storage.exists(name):
            storage.delete(name)
        with path.open("rb") as content:
            saved = storage.save(name, File(content, name=name))
        if saved != name:
            raise BackupFailed(f"The storage saved the uploaded file {name} as {saved}.")
    extra = [name for name in stored_names(storage) if name not in files]
    for name in extra:
        storage.delete(name)
    return len(extra)
