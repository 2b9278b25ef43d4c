package match

import (
	"fmt"
	"strings"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

// AlreadyPorting finds numbers that stand in more than one of the given
// orders (a batch run): for each order, by index, one finding per number
// that another order of the batch also ports, naming that order. Orders
// are told apart by position, not id, so two orders with the same id (or
// none) still conflict.
func AlreadyPorting(orders []*order.Order) [][]report.Finding {
	lines := make([][]order.Line, len(orders))
	where := map[string][]int{} // E.164 -> indexes of the orders porting it
	for i, o := range orders {
		lines[i] = o.Lines()
		for _, e := range uniqueE164(lines[i]) {
			where[e] = append(where[e], i)
		}
	}
	out := make([][]report.Finding, len(orders))
	for i := range orders {
		out[i] = conflicts(lines[i], func(e string) []string {
			var names []string
			for _, j := range where[e] {
				if j != i {
					names = append(names, batchName(orders, i, j))
				}
			}
			return names
		})
	}
	return out
}

// batchName names order j to the reader of order i's report: by its id,
// unless that cannot tell it from order i.
func batchName(orders []*order.Order, i, j int) string {
	if id := orders[j].ID; id != "" && id != orders[i].ID {
		return id
	}
	return fmt.Sprintf("order %d of this run", j+1)
}

// PortingConflicts reports each number of o that other pending orders
// port too; others maps E.164 numbers to the ids of the orders porting
// them (o's own id among them is ignored). The service's number index
// feeds it.
func PortingConflicts(o *order.Order, others map[string][]string) []report.Finding {
	return conflicts(o.Lines(), func(e string) []string { return otherIDs(others[e], o.ID) })
}

// conflicts makes one finding per distinct number that others reports
// in another order; a number repeated within the order is
// DUPLICATE_NUMBER's business, not a second conflict.
func conflicts(lines []order.Line, others func(e164 string) []string) []report.Finding {
	var out []report.Finding
	reported := map[string]bool{}
	for _, l := range lines {
		if l.E164 == "" || reported[l.E164] {
			continue
		}
		names := others(l.E164)
		if len(names) == 0 {
			continue
		}
		reported[l.E164] = true
		list := strings.Join(names, ", ")
		f := report.New(report.NumberAlreadyPorting, fmt.Sprintf("%s (numbers[%d]) is also in pending order %s; a number can be in one port at a time.", l.E164, l.Index, list))
		f.Field, f.Found = numberField(l.Index), list
		f.Fix = fmt.Sprintf("Port %s in one order only: remove it from numbers[%d] here, or cancel it in order %s.", l.E164, l.Index, list)
		out = append(out, f)
	}
	return out
}

func uniqueE164(lines []order.Line) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range lines {
		if l.E164 != "" && !seen[l.E164] {
			seen[l.E164] = true
			out = append(out, l.E164)
		}
	}
	return out
}

func otherIDs(ids []string, self string) []string {
	var out []string
	for _, id := range ids {
		if id != self {
			out = append(out, id)
		}
	}
	return out
}
