package match

import (
	"fmt"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

// AlreadyPorting finds numbers that stand in more than one of the given
// orders: for each order, one finding per number that another order of
// the batch also ports.
func AlreadyPorting(orders []*order.Order) [][]report.Finding {
	where := map[string][]string{} // E.164 -> ids of orders porting it
	for _, o := range orders {
		seen := map[string]bool{}
		for _, l := range o.Lines() {
			if l.E164 != "" && !seen[l.E164] {
				seen[l.E164] = true
				where[l.E164] = append(where[l.E164], o.ID)
			}
		}
	}
	out := make([][]report.Finding, len(orders))
	for i, o := range orders {
		out[i] = PortingConflicts(o, where)
	}
	return out
}

// PortingConflicts reports each number of o that other pending orders
// port too; others maps E.164 numbers to the ids of the orders porting
// them (o's own id among them is ignored). The service's number index
// and a batch of command-line orders both feed it.
func PortingConflicts(o *order.Order, others map[string][]string) []report.Finding {
	var out []report.Finding
	reported := map[string]bool{}
	for _, l := range o.Lines() {
		ids := otherIDs(others[l.E164], o.ID)
		if l.E164 == "" || len(ids) == 0 || reported[l.E164] {
			continue
		}
		reported[l.E164] = true
		f := finding(report.NumberAlreadyPorting, fmt.Sprintf("numbers[%d]", l.Index),
			fmt.Sprintf("%s is also in pending order %s.", l.E164, ids[0]),
			fmt.Sprintf("Port %s in one order only: remove it here or cancel it in order %s.", l.E164, ids[0]))
		f.Found = ids[0]
		out = append(out, f)
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
