package sync

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	stdsync "sync"
	"testing"
	"time"
)

// fault is what the proxy does to a request.
type fault int

const (
	faultNone   fault = iota
	faultDrop         // forward, let the portal commit, then close without an answer
	fault500          // forward, let the portal commit, then answer 500
	fault502          // answer 502 without forwarding
	faultDelay        // forward, then hold the answer past the client's timeout
	faultCut          // forward, then send half the answer's body and close
	faultRefuse       // refuse connections: nothing listens
	faultRandom       // each request: none or one of drop, 500, 502, delay, cut
)

func (f fault) String() string {
	return [...]string{"none", "drop", "500", "502", "delay", "cut", "refuse", "random"}[f]
}

// faultProxy is a real TCP proxy between a device and the portal that
// reads each HTTP request and answer and misbehaves as told.
type faultProxy struct {
	t        testing.TB
	upstream string
	addr     string
	delay    time.Duration

	mu     stdsync.Mutex
	mode   fault
	ln     net.Listener
	conns  map[net.Conn]bool
	rnd    *rand.Rand
	counts map[fault]int
	wg     stdsync.WaitGroup
	closed bool
}

func newFaultProxy(tb testing.TB, upstream string) *faultProxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &faultProxy{t: tb, upstream: upstream, addr: ln.Addr().String(), delay: time.Second,
		conns: map[net.Conn]bool{}, rnd: rand.New(rand.NewPCG(1, 2)), counts: map[fault]int{}}
	p.serve(ln)
	tb.Cleanup(p.close)
	return p
}

func (p *faultProxy) URL() string { return "http://" + p.addr }

// set changes the mode; refusing closes the listener (and the open
// connections), and any other mode listens again on the same address.
func (p *faultProxy) set(f fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.mode = f
	switch {
	case f == faultRefuse && p.ln != nil:
		p.ln.Close()
		p.ln = nil
		for c := range p.conns {
			c.Close()
		}
	case f != faultRefuse && p.ln == nil:
		var ln net.Listener
		var err error
		for range 50 { // the port may take a moment to be free again
			if ln, err = net.Listen("tcp", p.addr); err == nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		if err != nil {
			p.t.Errorf("proxy: listen again: %v", err)
			return
		}
		p.serveLocked(ln)
	}
}

func (p *faultProxy) serve(ln net.Listener) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.serveLocked(ln)
}

func (p *faultProxy) serveLocked(ln net.Listener) {
	p.ln = ln
	p.wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			if p.closed {
				p.mu.Unlock()
				c.Close()
				return
			}
			p.conns[c] = true
			p.mu.Unlock()
			p.wg.Go(func() {
				p.handle(c)
				p.mu.Lock()
				delete(p.conns, c)
				p.mu.Unlock()
				c.Close()
			})
		}
	})
}

func (p *faultProxy) close() {
	p.mu.Lock()
	p.closed = true
	if p.ln != nil {
		p.ln.Close()
	}
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

// pick decides the fault of one request.
func (p *faultProxy) pick() fault {
	p.mu.Lock()
	defer p.mu.Unlock()
	f := p.mode
	if f == faultRandom {
		f = faultNone
		if p.rnd.IntN(2) == 0 {
			f = []fault{faultDrop, fault500, fault502, faultDelay, faultCut}[p.rnd.IntN(5)]
		}
	}
	p.counts[f]++
	return f
}

// handle serves one client connection, request by request.
func (p *faultProxy) handle(c net.Conn) {
	br := bufio.NewReader(c)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return
		}
		f := p.pick()
		if f == faultRefuse {
			return
		}
		if f == fault502 {
			fmt.Fprintf(c, "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nbad gateway")
			continue
		}
		status, header, answer, err := p.forward(req, body)
		if err != nil {
			return
		}
		switch f {
		case faultDrop:
			return
		case fault500:
			msg := `{"error":{"code":"internal","message":"internal error"}}`
			fmt.Fprintf(c, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(msg), msg)
			continue
		case faultDelay:
			time.Sleep(p.delay)
		}
		var head bytes.Buffer
		fmt.Fprintf(&head, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
		for k, vs := range header {
			if k == "Content-Length" || k == "Transfer-Encoding" || k == "Connection" {
				continue
			}
			for _, v := range vs {
				fmt.Fprintf(&head, "%s: %s\r\n", k, v)
			}
		}
		fmt.Fprintf(&head, "Content-Length: %d\r\n\r\n", len(answer))
		if f == faultCut {
			c.Write(head.Bytes())
			c.Write(answer[:len(answer)/2])
			return
		}
		if _, err := c.Write(append(head.Bytes(), answer...)); err != nil {
			return
		}
	}
}

// forward sends the request to the portal on a fresh connection and
// reads its whole answer.
func (p *faultProxy) forward(req *http.Request, body []byte) (int, http.Header, []byte, error) {
	up, err := net.Dial("tcp", p.upstream)
	if err != nil {
		return 0, nil, nil, err
	}
	defer up.Close()
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.ContentLength = int64(len(body))
	req.Close = true
	if err := req.Write(up); err != nil {
		return 0, nil, nil, err
	}
	resp, err := http.ReadResponse(bufio.NewReader(up), req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, nil, err
	}
	return resp.StatusCode, resp.Header, answer, nil
}

// faultCounts returns how many requests met each fault.
func (p *faultProxy) faultCounts() map[fault]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[fault]int{}
	for k, v := range p.counts {
		out[k] = v
	}
	return out
}
