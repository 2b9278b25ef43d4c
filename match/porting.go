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
	where := map[string][]int{} // E.164 -> indices of orders
	lines := make([][]order.Line, len(orders))
	for i, o := range orders {
		lines[i] = o.Lines()
		seen := map[string]bool{}
		for _, l := range lines[i] {
			if l.E164 != "" && !seen[l.E164] {
				seen[l.E164] = true
				where[l.E164] = append(where[l.E164], i)
			}
		}
	}
	out := make([][]report.Finding, len(orders))
	for i := range orders {
		reported := map[string]bool{}
		for _, l := range lines[i] {
			others := otherOrders(orders, where[l.E164], i)
			if l.E164 == "" || len(others) == 0 || reported[l.E164] {
				continue
			}
			reported[l.E164] = true
			f := finding(report.NumberAlreadyPorting, fmt.Sprintf("numbers[%d]", l.Index),
				fmt.Sprintf("%s is also in pending order %s.", l.E164, others[0]),
				fmt.Sprintf("Port %s in one order only: remove it here or cancel it in order %s.", l.E164, others[0]))
			f.Found = others[0]
			out[i] = append(out[i], f)
		}
	}
	return out
}

func otherOrders(orders []*order.Order, idx []int, self int) []string {
	var ids []string
	for _, j := range idx {
		if j != self {
			ids = append(ids, orders[j].ID)
		}
	}
	return ids
}
