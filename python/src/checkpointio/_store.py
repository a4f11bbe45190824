"""The file operations checkpoints need, on a local directory (os, so that links are never
followed and a manifest is hard-linked into place) or on gs:// and s3:// through pyarrow's file
systems."""

import os
import stat
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    path: str          # the full path or URI
    name: str
    is_dir: bool
    size: int
    mtime: float       # seconds since the epoch


def store_for(root):
    if "://" in root:
        # pyarrow takes file system options as URI parameters (s3://bucket/path?region=…);
        # paths are made from the URI without them.
        base = root.split("?", 1)[0]
        return ArrowStore(root), base.rstrip("/")
    if root.lower().startswith("file:"):
        path = root[5:]
        if path.startswith("//"):
            host, _, rest = path[2:].partition("/")
            if host and host.lower() != "localhost":
                raise ValueError(f"Invalid checkpoint root '{root}': a file: URI names a directory"
                                 f" on this machine, but this one names host '{host}'")
            path = "/" + rest
        if not path.startswith("/"):
            raise ValueError(f"Invalid checkpoint root '{root}': a file: URI needs an absolute path")
        return LocalStore(), path
    return LocalStore(), root


class LocalStore:
    local = True

    def list_dir(self, directory):
        """The entries directly in `directory` (links as themselves); [] if it is missing."""
        try:
            with os.scandir(directory) as it:
                entries = []
                for e in it:
                    st = e.stat(follow_symlinks=False)
                    entries.append(Entry(os.path.join(directory, e.name), e.name,
                                         stat.S_ISDIR(st.st_mode), st.st_size, st.st_mtime))
                return entries
        except (FileNotFoundError, NotADirectoryError):
            return []

    def walk_files(self, directory):
        """Every non-directory under `directory`; links are files here, never followed. A
        `directory` that is itself a link is reported as that one file."""
        try:
            st = os.lstat(directory)
        except FileNotFoundError:
            return []
        if not stat.S_ISDIR(st.st_mode):
            return [Entry(directory, os.path.basename(directory), False, st.st_size, st.st_mtime)]
        files = []
        for e in self.list_dir(directory):
            if e.is_dir:
                files.extend(self.walk_files(e.path))
            else:
                files.append(e)
        return files

    def stat(self, path):
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return None
        return Entry(path, os.path.basename(path), stat.S_ISDIR(st.st_mode), st.st_size, st.st_mtime)

    def read_bytes(self, path):
        with open(path, "rb") as f:
            return f.read()

    def write_bytes(self, path, data, sync=False):
        """Writes a file; `sync` forces it to disk first (manifests, as Java forces them)."""
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(memoryview(data))
            if sync:
                f.flush()
                os.fsync(f.fileno())

    def open_output(self, path):
        """A pyarrow output stream of a new file (shards are written straight to it)."""
        import pyarrow
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return pyarrow.OSFile(path, "wb")

    def open_input(self, path):
        return open(path, "rb")

    def create_if_absent(self, path, data, staged_name):
        """Writes `data` beside `path` and hard-links it into place: False if the name exists."""
        staged = os.path.join(os.path.dirname(path), staged_name)
        self.write_bytes(staged, data, sync=True)
        try:
            os.link(staged, path)
            return True
        except FileExistsError:
            return False
        finally:
            try:
                os.unlink(staged)
            except FileNotFoundError:
                pass

    def rename(self, source, target):
        os.rename(source, target)

    def delete_file(self, path):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass

    def makedirs(self, path):
        os.makedirs(path, exist_ok=True)

    def remove_empty_dirs(self, directory):
        """Removes the directories under and at `directory` bottom-up, those that are empty;
        a link is never entered."""
        try:
            st = os.lstat(directory)
        except FileNotFoundError:
            return
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
            return
        for e in self.list_dir(directory):
            if e.is_dir:
                self.remove_empty_dirs(e.path)
        try:
            os.rmdir(directory)
        except OSError:
            pass

    def open_path(self, path):
        return path

    def filesystem(self):
        import pyarrow.fs
        return pyarrow.fs.LocalFileSystem()


class ArrowStore:
    """gs:// and s3:// through pyarrow.fs. Object stores have no links and no conditional
    create through pyarrow, so a manifest is checked for, then written by one PUT (the same
    fallback the Java store uses where no conditional write exists)."""
    local = False

    def __init__(self, root):
        import pyarrow.fs
        self.fs, path = pyarrow.fs.FileSystem.from_uri(root)
        self.scheme = root.split("://", 1)[0]

    def _path(self, uri):
        return uri.split("://", 1)[1] if "://" in uri else uri

    def _uri(self, path):
        return f"{self.scheme}://{path}"

    def _entry(self, info):
        import pyarrow.fs
        mtime = info.mtime.timestamp() if info.mtime is not None else 0.0
        return Entry(self._uri(info.path), info.base_name,
                     info.type == pyarrow.fs.FileType.Directory, info.size or 0, mtime)

    def list_dir(self, directory):
        import pyarrow.fs
        selector = pyarrow.fs.FileSelector(self._path(directory), allow_not_found=True)
        return [self._entry(i) for i in self.fs.get_file_info(selector)]

    def walk_files(self, directory):
        import pyarrow.fs
        selector = pyarrow.fs.FileSelector(self._path(directory), allow_not_found=True,
                                           recursive=True)
        return [self._entry(i) for i in self.fs.get_file_info(selector)
                if i.type == pyarrow.fs.FileType.File]

    def stat(self, path):
        import pyarrow.fs
        info = self.fs.get_file_info(self._path(path))
        return None if info.type == pyarrow.fs.FileType.NotFound else self._entry(info)

    def read_bytes(self, path):
        with self.fs.open_input_stream(self._path(path)) as f:
            return f.read()

    def write_bytes(self, path, data, sync=False):
        with self.fs.open_output_stream(self._path(path)) as f:
            f.write(data)

    def open_output(self, path):
        return self.fs.open_output_stream(self._path(path))

    def open_input(self, path):
        return self.fs.open_input_stream(self._path(path))

    def create_if_absent(self, path, data, staged_name):
        if self.stat(path) is not None:
            return False
        self.write_bytes(path, data)
        return True

    def rename(self, source, target):
        self.fs.move(self._path(source), self._path(target))

    def delete_file(self, path):
        try:
            self.fs.delete_file(self._path(path))
        except FileNotFoundError:
            pass

    def makedirs(self, path):
        pass  # object stores have no directories to make

    def remove_empty_dirs(self, directory):
        pass

    def open_path(self, path):
        return self._path(path)

    def filesystem(self):
        return self.fs
