package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// FS is a Store on a local folder. A confined FS (NewFS) keeps every key
// inside the folder with os.Root, so neither ".." nor a symbolic link can
// lead out of it: that is the service's store, where keys come from
// tenants. An open FS (NewLocalFS) reads any path relative to the folder,
// or absolute: that is the command line's, where the user owns every file
// an order names and "../bills/march.pdf" is an ordinary thing to write.
type FS struct {
	dir  string
	open bool
	// root is dir opened once (a confined FS), not once per read.
	root *os.Root
	// dirFile is dir open for openBeneath.
	dirFile *os.File
}

var _ Store = (*FS)(nil)

// isFolder: dir exists and is a folder.
func isFolder(dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("open store: %s is not a folder", dir)
	}
	return nil
}

// NewFS returns a store rooted at dir, which must exist.
func NewFS(dir string) (*FS, error) {
	if err := isFolder(dir); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	dirFile, err := os.Open(dir)
	if err != nil {
		root.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	return &FS{dir: dir, root: root, dirFile: dirFile}, nil
}

// NewLocalFS returns an open store on dir (see FS): keys may be absolute
// or lead out of dir.
func NewLocalFS(dir string) (*FS, error) {
	if err := isFolder(dir); err != nil {
		return nil, err
	}
	return &FS{dir: dir, open: true}, nil
}

// Ready checks that the folder still is one and takes new files.
func (s *FS) Ready(ctx context.Context) error {
	f, err := os.CreateTemp(s.dir, ".ready-*")
	if err != nil {
		return fmt.Errorf("store %s: %w", s.dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// Dir is the folder the store lives in.
func (s *FS) Dir() string { return s.dir }

func (s *FS) checkKey(key string) (string, error) {
	if s.open && key != "" {
		return key, nil
	}
	if key == "" || strings.HasPrefix(key, "/") || filepath.IsAbs(key) {
		return "", fmt.Errorf("key %q: %w", key, ErrInvalidKey)
	}
	clean := path.Clean(filepath.ToSlash(key))
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return "", fmt.Errorf("key %q leaves the store: %w", key, ErrInvalidKey)
	}
	return clean, nil
}

// local is the file system path of a key in an open store.
func (s *FS) local(key string) string {
	if filepath.IsAbs(key) {
		return key
	}
	return filepath.Join(s.dir, filepath.FromSlash(key))
}

func (s *FS) openFile(key string) (*os.File, error) {
	if s.open {
		return os.Open(s.local(key))
	}
	if f, ok, err := openBeneath(s.dirFile, key); ok {
		return f, err
	}
	return s.root.Open(key)
}

func (s *FS) stat(key string) (fs.FileInfo, error) {
	if s.open {
		return os.Stat(s.local(key))
	}
	return s.root.Stat(key)
}

// Get opens the object at key; one with appended lines (AppendIf) is
// read whole, with them.
func (s *FS) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	tail, release, f, err := s.openObject(key)
	if err != nil {
		return nil, err
	}
	defer release()
	if len(tail) == 0 {
		return f, nil
	}
	defer f.Close()
	data, err := readSized(f, math.MaxInt64)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", key, err)
	}
	lines, _ := parseTail(contentVersion(data), tail)
	return io.NopCloser(bytes.NewReader(withLines(data, lines))), nil
}

// openObject opens the file of the object at key, as written last, and
// reads the lines appended to it since (readTail), before it.
// release gives the tail's buffer back (readTail).
func (s *FS) openObject(key string) (tail []byte, release func(), f *os.File, err error) {
	clean, err := s.checkKey(key)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("get: %w", err)
	}
	if tail, release, err = s.readTail(clean); err != nil {
		release()
		return nil, nil, nil, fmt.Errorf("get %s: %w", key, mapErr(err))
	}
	if f, err = s.getBase(key, clean); err != nil {
		release()
		return nil, nil, nil, err
	}
	return tail, release, f, nil
}

// getBase opens the file of the object at clean, as written last.
func (s *FS) getBase(key, clean string) (*os.File, error) {
	f, err := s.openFile(clean)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", key, mapErr(err))
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, fmt.Errorf("get %s: is a folder: %w", key, ErrNotFound)
	}
	return f, nil
}

// Stat describes the object at key: its size is of the bytes last
// written, without the lines appended since.
func (s *FS) Stat(ctx context.Context, key string) (Info, error) {
	clean, err := s.checkKey(key)
	if err != nil {
		return Info{}, fmt.Errorf("stat: %w", err)
	}
	st, err := s.stat(clean)
	if err != nil {
		return Info{}, fmt.Errorf("stat %s: %w", key, mapErr(err))
	}
	if st.IsDir() {
		return Info{}, fmt.Errorf("stat %s: is a folder: %w", key, ErrNotFound)
	}
	return Info{Key: clean, Size: st.Size(), ModTime: st.ModTime()}, nil
}

// Put writes the object through a temporary file and a rename, so a
// crash mid-write never leaves a partial object under key.
func (s *FS) Put(ctx context.Context, key string, src io.Reader) error {
	clean, err := s.checkKey(key)
	if err != nil {
		return fmt.Errorf("put: %w", err)
	}
	dst := s.local(clean)
	tmp, err := createTemp(filepath.Dir(dst))
	if err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	if _, err := io.Copy(tmp, src); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("put %s: %w", key, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("put %s: %w", key, err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("put %s: %w", key, err)
	}
	return nil
}

// createTemp makes the temporary file of a Put in dir, making dir only
// when it is missing: most writes go to a folder that exists, and a
// re-validation writes one object per order, so the stat MkdirAll
// would make first is a tenth of a write.
func createTemp(dir string) (*os.File, error) {
	tmp, err := newTemp(dir)
	if !errors.Is(err, fs.ErrNotExist) {
		return tmp, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return newTemp(dir)
}

// newTemp is os.CreateTemp(dir, ".put-*") opened without the poller
// (openPlain).
func newTemp(dir string) (*os.File, error) {
	for try := 0; ; try++ {
		name := filepath.Join(dir, ".put-"+strconv.FormatUint(rand.Uint64(), 36))
		f, err := openPlain(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) && try < 100 {
			continue
		}
		return f, err
	}
}

// List returns the objects whose keys start with prefix, in key order.
// It walks only the folder the prefix names, not the whole store: the
// number index is listed on every check.
func (s *FS) List(ctx context.Context, prefix string) ([]Info, error) {
	var out []Info
	start := s.dir
	if i := strings.LastIndexByte(prefix, '/'); i > 0 {
		if _, err := s.checkKey(prefix[:i]); err != nil {
			return nil, fmt.Errorf("list %q: %w", prefix, err)
		}
		start = filepath.Join(s.dir, filepath.FromSlash(prefix[:i]))
	}
	err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == start {
			return filepath.SkipAll // nothing under this prefix yet
		}
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".put-") || strings.HasPrefix(d.Name(), lockPrefix) {
			return nil
		}
		rel, _ := filepath.Rel(s.dir, p)
		key := filepath.ToSlash(rel)
		if !strings.HasPrefix(key, prefix) {
			return nil
		}
		st, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, Info{Key: key, Size: st.Size(), ModTime: st.ModTime()})
		return ctx.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("list %q: %w", prefix, err)
	}
	return out, nil
}

// Keys lists the keys of the objects directly in the folder prefix
// names ("a/b/"), in key order: List without what it says of each
// object, and without walking below, costs a read of the folder and
// no stat per object (the number index is listed on every re-check).
func (s *FS) Keys(ctx context.Context, prefix string) ([]string, error) {
	if !strings.HasSuffix(prefix, "/") {
		return nil, fmt.Errorf("keys %q: not a folder", prefix)
	}
	clean, err := s.checkKey(strings.TrimSuffix(prefix, "/"))
	if err != nil {
		return nil, fmt.Errorf("keys %q: %w", prefix, err)
	}
	entries, err := os.ReadDir(s.local(clean))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("keys %q: %w", prefix, err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".put-") || strings.HasPrefix(e.Name(), lockPrefix) {
			continue
		}
		out = append(out, clean+"/"+e.Name())
	}
	return out, ctx.Err()
}

func mapErr(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "escapes") {
		return fmt.Errorf("%w: %w", ErrInvalidKey, err)
	}
	return err
}
