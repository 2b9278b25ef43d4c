//go:build !linux

package storage

import "os"

// openBeneath is os.Root's work away from Linux.
func openBeneath(dir *os.File, key string) (*os.File, bool, error) { return nil, false, nil }

// openPlain is os.OpenFile away from Linux.
func openPlain(name string, flag int, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(name, flag, perm)
}
