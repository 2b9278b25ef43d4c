package storage

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// errEscapes reads as os.Root's refusal, which mapErr knows.
var errEscapes = errors.New("path escapes from parent")

// openBeneath opens key in the folder dir in one openat2 system call
// that refuses any path resolving outside the folder (RESOLVE_BENEATH:
// ".." or a symbolic link leading out), as os.Root does by walking the
// path one openat and close per folder (orders/<tenant>/<id>/meta.json:
// four opens for one file). ok is false when the kernel does not answer
// openat2 (before Linux 5.6, or filtered), and os.Root must do it.
func openBeneath(dir *os.File, key string) (f *os.File, ok bool, err error) {
	how := unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS}
	for {
		fd, err := unix.Openat2(int(dir.Fd()), key, &how)
		switch {
		case err == nil:
			return os.NewFile(uintptr(fd), filepath.Join(dir.Name(), key)), true, nil
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM), errors.Is(err, unix.EAGAIN):
			return nil, false, nil // EAGAIN: a rename raced the walk
		case errors.Is(err, unix.EXDEV):
			return nil, true, &fs.PathError{Op: "openat2", Path: key, Err: errEscapes}
		default:
			return nil, true, &fs.PathError{Op: "openat2", Path: key, Err: err}
		}
	}
}

// openPlain is os.OpenFile of a regular file without the poller: a
// regular file is never pollable, yet os.OpenFile tried (two pairs of
// fcntl and an epoll_ctl that fails), a third of the system calls a
// re-validation made per order for the lock file it opens.
func openPlain(name string, flag int, perm os.FileMode) (*os.File, error) {
	for {
		fd, err := unix.Open(name, flag|unix.O_CLOEXEC, uint32(perm.Perm()))
		switch {
		case err == nil:
			return os.NewFile(uintptr(fd), name), nil
		case errors.Is(err, unix.EINTR):
			continue
		default:
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
	}
}
