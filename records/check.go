package records

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/portcheck/portcheck/report"
)

// ErrCrashLoop: a check's earlier attempts never ended; they took their
// worker down with them, and another attempt would too.
var ErrCrashLoop = errors.New("the check ended its worker")

// MaxCrashes is how many attempts of one check may die with their worker
// before the check fails for good. One is a worker killed or restarted;
// two in a row is the documents.
const MaxCrashes = 2

// lostAfter is how long a check may stay queued or running before a
// request for it again is taken to mean its task was lost: longer than
// a check with every retry of a transient fault takes.
const lostAfter = time.Hour

// RequestCheck records a request to check the order's current version
// as of asOf (YYYY-MM-DD) and returns the task to enqueue, named by
// newTask. It returns no task when there is nothing to do: the latest
// report is of this version and date, or the same check is queued or
// running already (a request repeated is one task).
func (r Records) RequestCheck(ctx context.Context, tenant, id, asOf string, newTask func(version int) string) (Meta, string, error) {
	var task string
	m, err := r.update(ctx, tenant, id, func(m *Meta) (bool, error) {
		task = ""
		if m.Status == Checked && m.HasReport() && m.ReportVersion == m.Version && m.ReportAsOf == asOf {
			return false, nil
		}
		if c := m.Check; c != nil && c.Version == m.Version && c.AsOf == asOf && (m.Status == Queued || m.Status == Checking) && r.now().Sub(c.Asked) < lostAfter {
			return false, nil
		}
		task = newTask(m.Version)
		m.Check = &CheckState{Task: task, Version: m.Version, AsOf: asOf, Asked: r.now()}
		m.Status, m.Reason = Queued, ""
		return true, nil
	})
	return m, task, err
}

// CancelCheck undoes RequestCheck when its task could not be enqueued:
// the order's status and check are again prev's, so asking again works.
func (r Records) CancelCheck(ctx context.Context, tenant, id, task string, prev Meta) error {
	_, err := r.update(ctx, tenant, id, func(m *Meta) (bool, error) {
		if m.Check == nil || m.Check.Task != task {
			return false, nil
		}
		m.Check, m.Status = prev.Check, prev.Status
		return true, nil
	})
	return err
}

// StartCheck marks the order checking for task and counts the attempt.
// run is false when a later request superseded the task. After
// MaxCrashes attempts that never ended it fails the check for good and
// returns ErrCrashLoop.
func (r Records) StartCheck(ctx context.Context, tenant, id, task string) (run bool, err error) {
	var crashed string
	_, err = r.update(ctx, tenant, id, func(m *Meta) (bool, error) {
		run, crashed = false, ""
		if m.Check == nil && (m.Status == Queued || m.Status == Checking) {
			// Queued before checks were recorded (an older version of
			// the service): the task is the order's check.
			m.Check = &CheckState{Task: task, Version: m.Version, Asked: r.now()}
		}
		if m.Check == nil || m.Check.Task != task {
			return false, nil
		}
		if crashes := m.Check.Attempts - m.Check.Ended; crashes >= MaxCrashes {
			crashed = fmt.Sprintf("the check stopped its worker %d times (out of memory or killed) and was not tried again", crashes)
			m.Status, m.Reason = Failed, crashed
			return true, nil
		}
		m.Check.Attempts++
		m.Status, run = Checking, true
		return true, nil
	})
	if err == nil && crashed != "" {
		return false, fmt.Errorf("check %s: %s: %w", id, crashed, ErrCrashLoop)
	}
	return run, err
}

// FinishCheck stores the report of task, made from the order at
// version, and marks the order checked, unless a later request
// superseded the task: then the report is kept but the later check's
// outcome will be the order's. memo, when given, is recorded with the
// report (Meta.Memo), as a batch's is, so the next night's
// re-validation need not check the order again.
func (r Records) FinishCheck(ctx context.Context, tenant, id, task string, version int, rep *report.Report, memo *Memo) error {
	sum, err := r.writeReport(ctx, tenant, id, version, rep)
	if err != nil {
		return err
	}
	_, err = r.update(ctx, tenant, id, func(m *Meta) (bool, error) {
		if m.Check == nil || m.Check.Task != task {
			return false, nil
		}
		m.Check.Ended++
		setReport(m, version, rep, sum, "", nil, memo)
		return true, nil
	})
	return err
}

// EndAttempt records that an attempt of task returned with an error;
// final says no attempt follows, and the order fails with reason.
func (r Records) EndAttempt(ctx context.Context, tenant, id, task, reason string, final bool) error {
	_, err := r.update(ctx, tenant, id, func(m *Meta) (bool, error) {
		if m.Check == nil || m.Check.Task != task {
			return false, nil
		}
		m.Check.Ended++
		if final {
			m.Status, m.Reason = Failed, reason
		}
		return true, nil
	})
	return err
}
