//go:build unix

package publish

import (
	"io/fs"
	"syscall"
)

// writeNewFile writes data to a file at full, as os.WriteFile does, with
// plain system calls: a build writes tens of thousands of small files, and
// os.File's set-up for the network poller (four fcntl calls and an epoll
// registration that regular files refuse) would double the calls per file.
func writeNewFile(full string, data []byte) error {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(full, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: full, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: full, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil && err != syscall.EINTR {
		return &fs.PathError{Op: "close", Path: full, Err: err}
	}
	return nil
}
