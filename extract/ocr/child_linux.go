package ocr

import (
	"os/exec"
	"runtime"
	"syscall"
)

// run starts and waits for the child so that it dies with its parent:
// Pdeathsig kills it when the thread that started it ends, which is why
// that thread stays locked to this goroutine until the child is reaped.
// Without it a worker killed by the kernel (out of memory) or by kill -9
// leaves its OCR children running as orphans.
func run(cmd *exec.Cmd) error {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		errc <- cmd.Run()
	}()
	return <-errc
}
