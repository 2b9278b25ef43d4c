//go:build !linux

package ocr

import "os/exec"

// start starts the child and returns what its Wait returns. Only Linux
// can tie a child's life to its parent's (Pdeathsig); elsewhere the
// time bound still kills it.
func start(cmd *exec.Cmd) (<-chan error, error) {
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	return exited, nil
}
