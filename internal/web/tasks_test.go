package web

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestTasksFinishBeforeShutdown(t *testing.T) {
	var tasks Tasks
	release, finished := make(chan struct{}), make(chan struct{})
	tasks.Go(func() { <-release; close(finished) })
	short, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := tasks.Wait(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait with a task running: %v, want the deadline", err)
	}
	close(release)
	long, cancel2 := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel2()
	if err := tasks.Wait(long); err != nil {
		t.Fatalf("Wait: %v", err)
	}
	select {
	case <-finished:
	default:
		t.Fatal("Wait returned before the task finished")
	}
}
