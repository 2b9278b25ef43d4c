package pipeline
import ("context";"os";"testing";"fmt";"encoding/json"
 "github.com/portcheck/portcheck/extract";"github.com/portcheck/portcheck/fields")
func TestZZ(t *testing.T){
  f := os.Getenv("F")
  data, _ := os.ReadFile(f)
  d, err := extract.Extract(context.Background(), f, data, extract.Limits{})
  if err != nil { t.Fatal(err) }
  if os.Getenv("LINES") != "" { for _, p := range d.Pages { fmt.Println("== page", p.Number, p.TextSource, p.Marks); for _, l := range p.Lines { fmt.Printf("%6.1f %6.1f %s\n", l.Box[0], l.Box[1], l.Text) } } }
  var v any
  if os.Getenv("LOA") != "" { v = fields.ReadLOA(d, "US") } else { v = fields.ReadBill(d, "US") }
  b, _ := json.MarshalIndent(v, "", " ")
  fmt.Println(string(b))
}
