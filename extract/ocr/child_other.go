//go:build !linux

package ocr

import "os/exec"

// run starts and waits for the child. Only Linux can tie a child's life
// to its parent's (Pdeathsig); elsewhere the time bound still kills it.
func run(cmd *exec.Cmd) error { return cmd.Run() }
