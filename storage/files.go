package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// ErrNotRegular: the path is a FIFO, a device, a socket or a folder, not
// a file. Reading a FIFO would wait for a writer forever; a device has no
// end. Permanent for the path.
var ErrNotRegular = errors.New("not a regular file")

// Files reads an order's documents from local disk for the command line:
// a document's path is relative to Base (the order file's folder) or
// absolute, and must stay inside Root, symbolic links included, unless
// Root is empty. Only regular files are read, and opening one never
// blocks.
type Files struct {
	Base string
	Root string // "" reads anywhere (--allow-outside)
}

// rel is the path's place under Root, or an error wrapping
// ErrInvalidKey when it leaves it.
func (f Files) rel(path string) (string, error) {
	if path == "" {
		return "", fmt.Errorf("empty path: %w", ErrInvalidKey)
	}
	full := path
	if !filepath.IsAbs(full) {
		full = filepath.Join(f.Base, full)
	}
	if f.Root == "" {
		return full, nil
	}
	absRoot, err := filepath.Abs(f.Root)
	if err != nil {
		return "", err
	}
	absFull, err := filepath.Abs(full)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absRoot, absFull)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside %s: %w", path, f.Root, ErrInvalidKey)
	}
	return rel, nil
}

// open opens path without blocking (O_NONBLOCK: a FIFO does not wait for
// a writer) and only if it is a regular file; inside Root it goes through
// os.Root, which refuses a symbolic link that leads out.
func (f Files) open(path string) (*os.File, error) {
	rel, err := f.rel(path)
	if err != nil {
		return nil, err
	}
	var fh *os.File
	if f.Root == "" {
		fh, err = os.OpenFile(rel, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	} else {
		var root *os.Root
		if root, err = os.OpenRoot(f.Root); err != nil {
			return nil, err
		}
		defer root.Close()
		fh, err = root.OpenFile(rel, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	}
	if err != nil {
		return nil, mapErr(err)
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		fh.Close()
		return nil, fmt.Errorf("%s: %s: %w", path, kind(st.Mode()), ErrNotRegular)
	}
	return fh, nil
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a folder"
	}
	return "not a regular file"
}

// Get opens the document at path.
func (f Files) Get(ctx context.Context, path string) (io.ReadCloser, error) {
	fh, err := f.open(path)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", path, err)
	}
	return fh, nil
}

// Stat describes the document at path, with the same checks as Get.
func (f Files) Stat(ctx context.Context, path string) (Info, error) {
	fh, err := f.open(path)
	if err != nil {
		return Info{}, fmt.Errorf("stat %s: %w", path, err)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return Info{}, fmt.Errorf("stat %s: %w", path, err)
	}
	return Info{Key: path, Size: st.Size(), ModTime: st.ModTime()}, nil
}
