package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"strconv"
	"sync"
)

// ErrNoRoom: the object takes no more appended lines; write it whole
// (PutIf), which starts it afresh.
var ErrNoRoom = errors.New("no room for another appended line")

// Appender is a Versioned store that can add a line to an object
// without writing the object again: on a folder a whole write is a file
// made and renamed over the old one, the dearest thing a re-validation
// does, while a line is a few bytes added to a file that exists.
//
// After AppendIf the object reads (Get, GetVersion) as the bytes last
// written, then for each line added since, in order, a newline and the
// line. A whole write (Put, PutIf) drops the lines. The version
// GetVersion gives covers the lines, so PutIf and AppendIf compare
// against the object as read, lines and all: of two writers that read
// the same version, one wins.
type Appender interface {
	Versioned
	// AppendIf adds line, which must hold no newline, when the object's
	// version is still version. ErrConflict when it is not (or the
	// object is gone), ErrNoRoom when the object holds as many lines as
	// it takes (from half of maxAppended to all, by its bytes: room)
	// already; either way nothing is written.
	AppendIf(ctx context.Context, key string, line []byte, version string) error
}

var _ Appender = (*FS)(nil)

// maxAppended bounds the lines an object holds, so a reader never
// reads and checks more than a few: then the writer writes it whole.
const maxAppended = 16

// room is how many lines the object at version (its bytes as last
// written whole) takes: from maxAppended/2 to maxAppended, by its
// version. Orders made in one day, all given a line a night, were all
// written whole on one night, which took six times as long as the
// others (a file made and renamed, and a lock file emptied, per order);
// each whole write now comes after its own number of lines, so a
// night writes some twelfth of its orders whole.
func room(version string) int {
	if len(version) < 2 {
		return maxAppended
	}
	b, err := strconv.ParseUint(version[:2], 16, 8)
	if err != nil {
		return maxAppended
	}
	return maxAppended/2 + int(b)%(maxAppended/2+1)
}

// The lines live in the object's lock file (PutIf's): a writer holds
// that file open and locked already, a reader opens it beside the
// object. Each line is stored as "<version after it> <line>\n", the
// version after a line being the SHA-256 of the version before it and
// the line, the first version before any line the object's own content
// version. A line that does not chain from the object as it is now
// (written before the object was written whole, and left by a crash
// between the rename and the emptying), or that a crash cut short, ends
// the lines read.

// tailLine is one line found valid in a lock file: its text, the
// version after it, and the offset just past its newline.
type tailLine struct {
	text, sum []byte
	end       int
}

// chain is the version of an object at version after line is added.
func chain(version string, line []byte) string {
	h := sha256.New()
	h.Write([]byte(version))
	h.Write([]byte{'\n'})
	h.Write(line)
	return hex.EncodeToString(h.Sum(nil))
}

// parseTail reads the lines of tail that chain from the object's bytes
// at version (contentVersion), and the object's version with them.
//
// Only the first line and the last are hashed: lines are added one at
// a time under the lock by AppendIf, which first cuts off whatever did
// not verify, and each line verified as the last before a line was
// added after it; so a line amiss is either the first (a whole write
// replaced the bytes it chains from) or the last (a crash cut it). A
// fortnight's lines were hashed in full twice per re-validation.
func parseTail(version string, tail []byte) ([]tailLine, string) {
	var lines []tailLine
	for end := 0; end < len(tail); {
		i := bytes.IndexByte(tail[end:], '\n')
		if i < 0 {
			break // cut short
		}
		rec := tail[end : end+i]
		if len(rec) < sha256.Size*2+1 || rec[sha256.Size*2] != ' ' {
			break
		}
		end += i + 1
		lines = append(lines, tailLine{text: rec[sha256.Size*2+1:], sum: rec[:sha256.Size*2], end: end})
	}
	if len(lines) > 0 && string(lines[0].sum) != chain(version, lines[0].text) {
		return nil, version // stale: none of them is of this object
	}
	for n := len(lines); n > 1; n-- {
		if last := lines[n-1]; string(last.sum) == chain(string(lines[n-2].sum), last.text) {
			break
		}
		lines = lines[:n-1]
	}
	if len(lines) > 0 {
		version = string(lines[len(lines)-1].sum)
	}
	return lines, version
}

// withLines is the object as it reads: base, and a newline and each line.
func withLines(base []byte, lines []tailLine) []byte {
	if len(lines) == 0 {
		return base
	}
	n := len(base)
	for _, l := range lines {
		n += 1 + len(l.text)
	}
	out := make([]byte, 0, n)
	out = append(out, base...)
	for _, l := range lines {
		out = append(out, '\n')
		out = append(out, l.text...)
	}
	return out
}

// lockKey is the key of the lock file beside the object at clean.
func lockKey(clean string) string {
	return path.Join(path.Dir(clean), lockPrefix+path.Base(clean))
}

// readTail is the content of the object's lock file; nil when it has
// none. It is read before the object: lines read then that no longer
// chain from the object read after are of bytes since replaced, and
// dropped, so a reader sees the object as it was at one moment.
// release gives its buffer back for the next read; the caller keeps no
// slice of it after.
func (s *FS) readTail(clean string) (tail []byte, release func(), err error) {
	f, err := s.openFile(lockKey(clean))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, func() {}, nil
	}
	if err != nil {
		return nil, func() {}, err
	}
	defer f.Close()
	return readPooled(f)
}

// tailBuffers hold lock files while they are read: a re-validation
// reads an order's, a fortnight's lines, twice, and the buffers made
// for them were most of a night's garbage.
var tailBuffers = sync.Pool{New: func() any { return new([]byte) }}

// readPooled is readSized into a buffer of tailBuffers, which release
// gives back.
func readPooled(f *os.File) (data []byte, release func(), err error) {
	bp := tailBuffers.Get().(*[]byte)
	data, err = readInto(f, maxVersioned, *bp)
	*bp = data
	return data, func() {
		if cap(*bp) <= 1<<18 {
			*bp = (*bp)[:0]
			tailBuffers.Put(bp)
		}
	}, err
}

// ReadAll is io.ReadAll of an object Get opened: in one read of the
// size a file's stat gives, where r is a file (the folder's objects),
// instead of reads of growing buffers.
func ReadAll(r io.Reader) ([]byte, error) {
	if f, ok := r.(*os.File); ok {
		return readSized(f, math.MaxInt64)
	}
	return io.ReadAll(r)
}

// readSized reads f whole, up to limit bytes, in one read of the size
// its stat gives: io.ReadAll read a lock file of a fortnight's lines in
// eight, and every re-validation reads it twice. Bytes appended after
// the stat are not read, as if f had been read a moment before.
func readSized(f *os.File, limit int64) ([]byte, error) { return readInto(f, limit, nil) }

// readInto is readSized into buf when it is large enough.
func readInto(f *os.File, limit int64, buf []byte) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := int(min(st.Size(), limit))
	if cap(buf) >= size {
		buf = buf[:size]
	} else {
		buf = make([]byte, size)
	}
	n, err := io.ReadFull(f, buf)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = nil // cut short meanwhile: what there was
	}
	return buf[:n], err
}

// AppendIf adds the line to the object's lock file under its lock,
// after the lines that chain from the object, cutting off any others.
func (s *FS) AppendIf(ctx context.Context, key string, line []byte, version string) error {
	if bytes.IndexByte(line, '\n') >= 0 {
		return fmt.Errorf("append %s: the line holds a newline", key)
	}
	l, err := s.lockKey("append", key)
	if err != nil {
		return err
	}
	defer l.unlock()
	return l.appendIf(key, line, version)
}

// appendIf is AppendIf of the object l holds. l then holds it with the
// line, as a lockObject now would read it.
func (l *locked) appendIf(key string, line []byte, version string) error {
	if err := l.compare("append", key, version); err != nil {
		return err
	}
	switch {
	case !l.exists: // and version "": there is nothing to add to
		return fmt.Errorf("append %s: gone since read: %w", key, ErrConflict)
	case len(l.lines) >= room(l.baseVersion):
		return fmt.Errorf("append %s: %w", key, ErrNoRoom)
	}
	end := 0
	if n := len(l.lines); n > 0 {
		end = l.lines[n-1].end
	}
	if len(l.tail) > end { // stale or cut-short lines: gone before the new one is seen
		if err := l.file.Truncate(int64(end)); err != nil {
			return fmt.Errorf("append %s: %w", key, err)
		}
		l.tail = l.tail[:end]
	}
	sum := chain(l.version, line)
	rec := make([]byte, 0, sha256.Size*2+2+len(line))
	rec = append(rec, sum...)
	rec = append(rec, ' ')
	rec = append(rec, line...)
	rec = append(rec, '\n')
	if _, err := l.file.WriteAt(rec, int64(end)); err != nil {
		l.broken = true // what the file holds now is not known
		return fmt.Errorf("append %s: %w", key, err)
	}
	l.tail = append(l.tail, rec...)
	l.lines = append(l.lines, tailLine{text: rec[sha256.Size*2+1 : len(rec)-1], sum: rec[:sha256.Size*2], end: end + len(rec)})
	l.version = sum
	return nil
}

// Lined is an Appender that reads an object's bytes and its lines
// apart (the folder): a reader that takes the lines one by one (the
// metadata decodes its last) need not have them joined, which for a
// fortnight's lines was a large buffer made, zeroed and filled per read.
type Lined interface {
	Appender
	// GetLines is GetVersion with the object's bytes as last written
	// whole and each line added since (without its newline) given
	// apart. They are valid until release, which must follow.
	GetLines(ctx context.Context, key string) (base []byte, lines [][]byte, version string, release func(), err error)
}

var (
	_ Lined = (*FS)(nil)
	_ Lined = (*Held)(nil)
)

// GetLines reads the object as GetVersion does, its lines apart.
func (s *FS) GetLines(ctx context.Context, key string) (base []byte, lines [][]byte, version string, release func(), err error) {
	tail, release, rc, err := s.openObject(key)
	if err != nil {
		return nil, nil, "", nil, err
	}
	defer rc.Close()
	if base, err = readSized(rc, maxVersioned); err != nil {
		release()
		return nil, nil, "", nil, fmt.Errorf("get %s: %w", key, err)
	}
	if len(tail) == 0 {
		return base, nil, contentVersion(base), release, nil
	}
	tl, version := parseTail(contentVersion(base), tail)
	return base, lineTexts(tl), version, release, nil
}

func lineTexts(lines []tailLine) [][]byte {
	if len(lines) == 0 {
		return nil
	}
	out := make([][]byte, len(lines))
	for i, l := range lines {
		out[i] = l.text
	}
	return out
}
