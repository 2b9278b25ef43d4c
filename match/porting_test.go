package match

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

func orderOf(id string, numbers ...string) *order.Order {
	o := &order.Order{ID: id}
	for _, n := range numbers {
		o.Numbers = append(o.Numbers, order.Number{Number: n})
	}
	return o
}

func porting(field, found string) brief {
	return brief{report.NumberAlreadyPorting, report.Reject, field, found, ""}
}

func TestAlreadyPorting(t *testing.T) {
	tests := []struct {
		name   string
		orders []*order.Order
		want   [][]brief
	}{
		{"no overlap", []*order.Order{
			orderOf("a", "+12175550100"), orderOf("b", "+12175550101"),
		}, [][]brief{nil, nil}},
		{"one number in two orders, written differently", []*order.Order{
			orderOf("a", "+12175550100", "+12175550143"), orderOf("b", "(217) 555-0143"),
		}, [][]brief{{porting("numbers[1]", "b")}, {porting("numbers[0]", "a")}}},
		{"one number in three orders names both others", []*order.Order{
			orderOf("a", "+12175550100"), orderOf("b", "217-555-0100"), orderOf("c", "1 217 555 0100"),
		}, [][]brief{
			{porting("numbers[0]", "b, c")}, {porting("numbers[0]", "a, c")}, {porting("numbers[0]", "a, b")},
		}},
		{"a number twice in one order is one conflict", []*order.Order{
			orderOf("a", "+12175550100", "217.555.0100"), orderOf("b", "+12175550100"),
		}, [][]brief{{porting("numbers[0]", "b")}, {porting("numbers[0]", "a")}}},
		{"a number twice in one order alone is no conflict", []*order.Order{
			orderOf("a", "+12175550100", "217.555.0100"), orderOf("b", "+12175550101"),
		}, [][]brief{nil, nil}},
		{"orders without ids or with the same id", []*order.Order{
			orderOf("", "+12175550100"), orderOf("", "+12175550100"), orderOf("x", "+13125550100"), orderOf("x", "+13125550100"),
		}, [][]brief{
			{porting("numbers[0]", "order 2 of this run")}, {porting("numbers[0]", "order 1 of this run")},
			{porting("numbers[0]", "order 4 of this run")}, {porting("numbers[0]", "order 3 of this run")},
		}},
		{"unparseable numbers never conflict", []*order.Order{
			orderOf("a", "call Dana"), orderOf("b", "call Dana"),
		}, [][]brief{nil, nil}},
		{"a single order", []*order.Order{orderOf("a", "+12175550100")}, [][]brief{nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][]brief
			for _, fs := range AlreadyPorting(tt.orders) {
				got = append(got, briefs(fs))
				checkProse(t, fs)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPortingConflicts(t *testing.T) {
	o := orderOf("a", "+12175550100", "(217) 555-0143")
	others := map[string][]string{
		"+12175550100": {"a"},           // the order itself
		"+12175550143": {"a", "b", "c"}, // two others
	}
	got := PortingConflicts(o, others)
	want := []brief{porting("numbers[1]", "b, c")}
	if diff := cmp.Diff(want, briefs(got)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	checkProse(t, got, "Port +12175550143 in one order only")
}
