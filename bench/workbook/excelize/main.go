// The yardstick for bench/workbook: Go's excelize StreamWriter writing every workbook of the same close in the
// same layout (the packing workbook's Resumo, Mapa and Pedidos, and the 20 provider workbooks), the same batch
// drawn from the same pseudo-random sequence, to files. It prints the seconds it took; bench/workbook compares.
//
//	cd bench/workbook/excelize && go run . [orders] [items per order]
//
// It writes the same rows, cells, styles, widths and merges; it leaves out what excelize's streaming writer
// cannot do (page breaks, data validation, sheet protection), which are a small part of the work.
package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/xuri/excelize/v2"
)

const (
	providers      = 20
	products       = 200
	ordersPerSheet = 1000
)

var units = []string{"kg", "g", "un", "dz", "maço", "bandeja", "cx", "L", "pct"}
var firstNames = []string{"Maria", "José", "Ana", "João", "Francisca", "Antônio", "Adriana", "Carlos", "Juliana", "Paulo"}

type product struct {
	key, name, unit, provider string
	price                     int
	cost                      int // -1: none
}

type line struct {
	product  *product
	quantity int // thousandths
	total    int
}

type order struct {
	number         int
	customer       string
	phone, address string
	total          int
	lines          []line
}

type summed struct {
	product  *product
	quantity int
	total    int
}

// The same sequence as bench/workbook/run.ts: JavaScript's double arithmetic, reproduced with float64.
func random(seed float64) func() float64 {
	state := seed
	return func() float64 {
		state = math.Mod(state*1_103_515_245+12_345, 2_147_483_648)
		return state / 2_147_483_648
	}
}

func lineTotal(price, quantity int) int { return (price*quantity + 500) / 1000 }

func makeBatch(orderCount, items int) ([]*product, []order, map[*product]*summed) {
	next := random(42)
	catalog := make([]*product, products)
	for index := range catalog {
		price := 100 + int(math.Floor(next()*5000))
		cost := int(math.Round(float64(price) * 0.7))
		if index%10 == 9 {
			cost = -1
		}
		catalog[index] = &product{
			key:      strconv.Itoa(index + 1),
			name:     strings.TrimSpace(fmt.Sprintf("Produto %d %s", index+1, strings.Repeat("orgânico ", index%3))),
			unit:     units[index%len(units)],
			price:    price,
			cost:     cost,
			provider: fmt.Sprintf("Fornecedor %d", index%providers+1),
		}
	}
	totals := map[*product]*summed{}
	orders := make([]order, 0, orderCount)
	for number := 1; number <= orderCount; number++ {
		lines := make([]line, 0, items)
		sum := 0
		for item := 0; item < items; item++ {
			p := catalog[int(math.Floor(next()*products))]
			quantity := (1 + int(math.Floor(next()*40))) * 250
			l := line{product: p, quantity: quantity, total: lineTotal(p.price, quantity)}
			lines = append(lines, l)
			sum += l.total
			s := totals[p]
			if s == nil {
				s = &summed{product: p}
				totals[p] = s
			}
			s.quantity += quantity
			s.total += l.total
		}
		customer := ""
		if number%7 != 0 {
			customer = firstNames[number%len(firstNames)] + " da Silva"
		}
		address := ""
		if number%3 == 0 {
			address = fmt.Sprintf("Rua %d, %d — Centro", number, number%200)
		}
		orders = append(orders, order{number, customer, fmt.Sprintf("55849%08d", number), address, sum, lines})
	}
	return catalog, orders, totals
}

type styles struct{ text, header, bold, business, subject, money, totalMoney, whole, fraction, band int }

func newStyles(f *excelize.File) styles {
	must := func(style *excelize.Style) int {
		id, err := f.NewStyle(style)
		if err != nil {
			panic(err)
		}
		return id
	}
	money := `[$-416]"R$ "#,##0.00`
	whole := `[$-416]#,##0`
	fraction := `[$-416]#,##0.###`
	top := &excelize.Alignment{Vertical: "top"}
	return styles{
		text:       must(&excelize.Style{Alignment: top}),
		header:     must(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: []excelize.Border{{Type: "bottom", Style: 1}}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		bold:       must(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top}),
		business:   must(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		subject:    must(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}}),
		money:      must(&excelize.Style{CustomNumFmt: &money, Alignment: top}),
		totalMoney: must(&excelize.Style{CustomNumFmt: &money, Font: &excelize.Font{Bold: true}, Alignment: top}),
		whole:      must(&excelize.Style{CustomNumFmt: &whole, Alignment: top}),
		fraction:   must(&excelize.Style{CustomNumFmt: &fraction, Alignment: top}),
		band:       must(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}}),
	}
}

func (s styles) quantity(milli int) int {
	if milli%1000 == 0 {
		return s.whole
	}
	return s.fraction
}

func reais(cents int) any { return float64(cents) / 100 }

// sheet streams one worksheet, counting its rows.
type sheet struct {
	writer *excelize.StreamWriter
	row    int
}

func newSheet(f *excelize.File, name string, widths []float64, first bool) *sheet {
	if first {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			panic(err)
		}
	} else if _, err := f.NewSheet(name); err != nil {
		panic(err)
	}
	writer, err := f.NewStreamWriter(name)
	if err != nil {
		panic(err)
	}
	for index, width := range widths {
		if err := writer.SetColWidth(index+1, index+1, width); err != nil {
			panic(err)
		}
	}
	if err := writer.SetPanes(&excelize.Panes{Freeze: true, YSplit: 6, TopLeftCell: "A7", ActivePane: "bottomLeft"}); err != nil {
		panic(err)
	}
	return &sheet{writer: writer}
}

func (s *sheet) add(cells []any, options ...excelize.RowOpts) {
	s.row++
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	if err := s.writer.SetRow(cell, cells, options...); err != nil {
		panic(err)
	}
}

func (s *sheet) title(st styles, subject string) {
	s.add([]any{excelize.Cell{StyleID: st.business, Value: "SISCONF"}})
	s.add([]any{excelize.Cell{StyleID: st.subject, Value: subject}})
	s.add([]any{excelize.Cell{StyleID: st.bold, Value: "Lote 1"}})
	s.add([]any{excelize.Cell{StyleID: st.text, Value: "Fechado em " + time.Now().Format("2 Jan 2006, 15:04")}})
	s.add(nil)
}

func header(st styles, labels ...string) []any {
	cells := make([]any, len(labels))
	for index, label := range labels {
		cells[index] = excelize.Cell{StyleID: st.header, Value: label}
	}
	return cells
}

func (s *sheet) flush() int {
	if err := s.writer.Flush(); err != nil {
		panic(err)
	}
	return s.row
}

func save(f *excelize.File, path string) {
	if err := f.SaveAs(path); err != nil {
		panic(err)
	}
	_ = f.Close()
}

func writePacking(path string, orders []order, summary []*summed) int {
	f := excelize.NewFile()
	st := newStyles(f)
	rows := 0

	resumo := newSheet(f, "Resumo", []float64{24, 10, 12, 16, 16, 16, 16}, true)
	resumo.title(st, "Resumo do lote")
	resumo.add(header(st, "Produto", "Unidade", "Quantidade", "Preço unitário", "Total", "Fornecedor", "Custo"))
	total, cost := 0, 0
	for _, s := range summary {
		p := s.product
		var costCell any
		if p.cost >= 0 {
			c := lineTotal(p.cost, s.quantity)
			cost += c
			costCell = excelize.Cell{StyleID: st.money, Value: reais(c)}
		}
		total += s.total
		resumo.add([]any{
			excelize.Cell{StyleID: st.text, Value: p.name}, excelize.Cell{StyleID: st.text, Value: p.unit},
			excelize.Cell{StyleID: st.quantity(s.quantity), Value: float64(s.quantity) / 1000},
			excelize.Cell{StyleID: st.money, Value: reais((s.total*1000 + s.quantity/2) / s.quantity)},
			excelize.Cell{StyleID: st.money, Value: reais(s.total)},
			excelize.Cell{StyleID: st.text, Value: p.provider}, costCell,
		})
	}
	resumo.add([]any{excelize.Cell{StyleID: st.bold, Value: "Total"}, nil, nil, nil,
		excelize.Cell{StyleID: st.totalMoney, Value: reais(total)}, nil, excelize.Cell{StyleID: st.totalMoney, Value: reais(cost)}})
	rows += resumo.flush()

	widths := []float64{10, 18}
	column := map[*product]int{}
	for index, s := range summary {
		widths = append(widths, 12)
		column[s.product] = index + 2
	}
	mapa := newSheet(f, "Mapa", widths, false)
	mapa.title(st, "Mapa de separação")
	band := make([]any, len(widths))
	heads := header(st, append([]string{"Pedido", "Cliente"}, make([]string, len(summary))...)...)
	start := 0
	for index, s := range summary {
		heads[index+2] = excelize.Cell{StyleID: st.header, Value: s.product.name + " (" + s.product.unit + ")"}
		if index == len(summary)-1 || summary[index+1].product.provider != s.product.provider {
			band[start+2] = excelize.Cell{StyleID: st.band, Value: s.product.provider}
			if index > start {
				first, _ := excelize.CoordinatesToCellName(start+3, 6)
				last, _ := excelize.CoordinatesToCellName(index+3, 6)
				if err := mapa.writer.MergeCell(first, last); err != nil {
					panic(err)
				}
			}
			start = index + 1
		}
	}
	mapa.add(band)
	mapa.add(heads)
	for _, o := range orders {
		cells := make([]any, len(widths))
		cells[0] = excelize.Cell{StyleID: st.bold, Value: "#" + strconv.Itoa(o.number)}
		customer := o.customer
		if customer == "" {
			customer = o.phone
		}
		cells[1] = excelize.Cell{StyleID: st.text, Value: customer}
		for _, l := range o.lines {
			cells[column[l.product]] = excelize.Cell{StyleID: st.quantity(l.quantity), Value: float64(l.quantity) / 1000}
		}
		mapa.add(cells)
	}
	rows += mapa.flush()

	for first := 0; first < len(orders); first += ordersPerSheet {
		name := "Pedidos"
		if first > 0 {
			name = fmt.Sprintf("Pedidos %d", first/ordersPerSheet+1)
		}
		pedidos := newSheet(f, name, []float64{10, 24, 10, 12, 14, 16, 14}, false)
		pedidos.title(st, "Pedidos para embalar")
		pedidos.add(header(st, "Pedido", "Produto", "Unidade", "Quantidade", "Entregue", "Preço unitário", "Total"))
		last := min(first+ordersPerSheet, len(orders))
		for _, o := range orders[first:last] {
			number := "#" + strconv.Itoa(o.number)
			heading := strings.TrimSpace(o.customer + " — +55 (" + o.phone[2:4] + ") " + o.phone[4:9] + "-" + o.phone[9:])
			pedidos.add([]any{excelize.Cell{StyleID: st.bold, Value: number}, excelize.Cell{StyleID: st.bold, Value: heading}})
			delivery := "Retirada"
			if o.address != "" {
				delivery = "Entrega: " + o.address
			}
			pedidos.add([]any{nil, excelize.Cell{StyleID: st.text, Value: delivery}})
			lines := append([]line(nil), o.lines...)
			sort.Slice(lines, func(i, j int) bool {
				if lines[i].product.provider != lines[j].product.provider {
					return lines[i].product.provider < lines[j].product.provider
				}
				return lines[i].product.name < lines[j].product.name
			})
			provider := ""
			for _, l := range lines {
				if l.product.provider != provider {
					provider = l.product.provider
					pedidos.add([]any{nil, excelize.Cell{StyleID: st.bold, Value: provider}})
				}
				pedidos.add([]any{
					excelize.Cell{StyleID: st.text, Value: number},
					excelize.Cell{StyleID: st.text, Value: l.product.name},
					excelize.Cell{StyleID: st.text, Value: l.product.unit},
					excelize.Cell{StyleID: st.quantity(l.quantity), Value: float64(l.quantity) / 1000},
					excelize.Cell{StyleID: st.quantity(l.quantity), Value: float64(l.quantity) / 1000},
					excelize.Cell{StyleID: st.money, Value: reais(l.product.price)},
					excelize.Cell{StyleID: st.money, Value: reais(l.total)},
				})
			}
			pedidos.add([]any{nil, excelize.Cell{StyleID: st.bold, Value: "Total do pedido"}, nil, nil, nil, nil,
				excelize.Cell{StyleID: st.totalMoney, Value: reais(o.total)}})
		}
		rows += pedidos.flush()
	}
	save(f, path)
	return rows
}

func writeProvider(path, name string, lines []*summed) int {
	f := excelize.NewFile()
	st := newStyles(f)
	s := newSheet(f, "Pedido", []float64{24, 10, 12, 16, 14}, true)
	s.title(st, name)
	s.add(header(st, "Produto", "Unidade", "Quantidade", "Custo unitário", "Total"))
	total := 0
	for _, l := range lines {
		cells := []any{
			excelize.Cell{StyleID: st.text, Value: l.product.name}, excelize.Cell{StyleID: st.text, Value: l.product.unit},
			excelize.Cell{StyleID: st.quantity(l.quantity), Value: float64(l.quantity) / 1000}, nil, nil,
		}
		if l.product.cost >= 0 {
			c := lineTotal(l.product.cost, l.quantity)
			total += c
			cells[3] = excelize.Cell{StyleID: st.money, Value: reais(l.product.cost)}
			cells[4] = excelize.Cell{StyleID: st.money, Value: reais(c)}
		}
		s.add(cells)
	}
	s.add([]any{excelize.Cell{StyleID: st.bold, Value: "Total"}, nil, nil, nil, excelize.Cell{StyleID: st.totalMoney, Value: reais(total)}})
	rows := s.flush()
	save(f, path)
	return rows
}

func main() {
	orderCount, items := 5000, 5
	if len(os.Args) > 1 {
		orderCount, _ = strconv.Atoi(os.Args[1])
	}
	if len(os.Args) > 2 {
		items, _ = strconv.Atoi(os.Args[2])
	}
	_, orders, totals := makeBatch(orderCount, items)
	summary := make([]*summed, 0, len(totals))
	for _, s := range totals {
		summary = append(summary, s)
	}
	sort.Slice(summary, func(i, j int) bool {
		if summary[i].product.provider != summary[j].product.provider {
			return summary[i].product.provider < summary[j].product.provider
		}
		return summary[i].product.name < summary[j].product.name
	})
	directory, err := os.MkdirTemp("", "sisconf-bench-excelize-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(directory)

	cpuStarted := cpuSeconds()
	started := time.Now()
	rows := writePacking(filepath.Join(directory, "consolidado-1.xlsx"), orders, summary)
	packingSeconds := time.Since(started).Seconds()
	byProvider := map[string][]*summed{}
	for _, s := range summary {
		byProvider[s.product.provider] = append(byProvider[s.product.provider], s)
	}
	providerRows := 0
	for name, lines := range byProvider {
		providerRows += writeProvider(filepath.Join(directory, name+".xlsx"), name, lines)
	}
	seconds := time.Since(started).Seconds()
	fmt.Printf("excelize StreamWriter: packing workbook %d rows in %.3f s = %.0f rows/s; %d provider workbooks %d rows; "+
		"every workbook (%d) %.3f s, CPU %.3f s\n", rows, packingSeconds, float64(rows)/packingSeconds, len(byProvider),
		providerRows, 1+len(byProvider), seconds, cpuSeconds()-cpuStarted)
}

// cpuSeconds is the processor time this process has used, all its threads: on a shared machine it varies far
// less than the time on the clock.
func cpuSeconds() float64 {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		panic(err)
	}
	return float64(usage.Utime.Nano()+usage.Stime.Nano()) / 1e9
}
