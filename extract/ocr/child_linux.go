package ocr

import (
	"os/exec"
	"runtime"
	"syscall"
)

// start starts the child so that it dies with its parent, and returns
// what its Wait returns, once it is reaped. Pdeathsig kills the child
// when the thread that started it ends, which is why that thread stays
// locked to the goroutine that waits for the child. Without it a worker
// killed by the kernel (out of memory) or by kill -9 leaves its OCR
// children running as orphans.
func start(cmd *exec.Cmd) (<-chan error, error) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	started, exited := make(chan error, 1), make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		exited <- cmd.Wait()
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return exited, nil
}
