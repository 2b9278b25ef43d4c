package extract

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinels for why a document is unreadable; test with errors.Is.
var (
	ErrEmpty         = errors.New("empty file")
	ErrEncrypted     = errors.New("encrypted")
	ErrCorrupt       = errors.New("corrupt")
	ErrTooManyPages  = errors.New("too many pages")
	ErrTooManyPixels = errors.New("too many pixels")
	ErrTimeout       = errors.New("timed out")
	ErrPanic         = errors.New("parser failure")
)

// TooLargeError: the file is over the size limit. Valid input, refused.
type TooLargeError struct {
	Name         string
	Bytes, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("admit %s: %d bytes is over the limit of %d", e.Name, e.Bytes, e.Limit)
}

// FormatError: the file's real format is not allowed for its kind. The
// file may be perfectly good; it is the wrong kind of file.
type FormatError struct {
	Name      string
	MediaType string
	Allowed   []string
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("admit %s: its content is %s, not %s", e.Name, e.MediaType, strings.Join(e.Allowed, " or "))
}

// UnreadableError: the file cannot be read safely. Reason is a short
// sentence a reviewer can read; Kind is the sentinel; Err the library's
// own error, for logs.
type UnreadableError struct {
	Name   string
	Reason string
	Kind   error
	Err    error
}

func (e *UnreadableError) Error() string {
	return fmt.Sprintf("extract %s: %s", e.Name, e.Reason)
}

// Unwrap exposes both the sentinel and the library's error to errors.Is.
func (e *UnreadableError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

func unreadable(name string, kind error, reason string, err error) error {
	return &UnreadableError{Name: name, Reason: reason, Kind: kind, Err: err}
}
