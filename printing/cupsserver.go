package printing

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// cupsDefaults is where CUPS's client library (and so lp) looks for the
// server when it is not told: the places are fields so that a test can point
// them at files of its own instead of the machine's.
type cupsDefaults struct {
	// getenv reads CUPS_SERVER; os.Getenv when nil.
	getenv func(string) string
	// confs are the client.conf files, the system's first: a later file's
	// ServerName wins, as the user's ~/.cups/client.conf wins over
	// /etc/cups/client.conf.
	confs []string
	// sockets are the local scheduler's domain sockets; the first that
	// exists is used.
	sockets []string
}

// systemCUPS is the machine's CUPS set-up, as lp reads it (CUPS_SERVERROOT
// moves the system's client.conf, as it does for lp).
func systemCUPS() cupsDefaults {
	root := os.Getenv("CUPS_SERVERROOT")
	if root == "" {
		root = "/etc/cups"
	}
	confs := []string{filepath.Join(root, "client.conf")}
	if home, err := os.UserHomeDir(); err == nil {
		confs = append(confs, filepath.Join(home, ".cups", "client.conf"))
	}
	return cupsDefaults{confs: confs, sockets: []string{"/run/cups/cups.sock", "/var/run/cups/cups.sock"}}
}

// server returns the CUPS server the way lp chooses it, so that the IPP
// requests of this package reach the scheduler lp gave the job to:
// CUPS_SERVER when set, else the ServerName of client.conf, else the
// local domain socket when it exists, else localhost on the IPP port
// (IPP_PORT, 631 by default). The
// answer is "host", "host:port" or a socket path.
func (c cupsDefaults) server() string {
	getenv := c.getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if s := cleanServer(getenv("CUPS_SERVER")); s != "" {
		return s
	}
	name := ""
	for _, path := range c.confs {
		if s := serverName(path); s != "" {
			name = s
		}
	}
	if name != "" {
		return name
	}
	for _, path := range c.sockets {
		if fi, err := os.Stat(path); err == nil && fi.Mode().Type() == os.ModeSocket {
			return path
		}
	}
	port := getenv("IPP_PORT")
	if port == "" {
		port = "631"
	}
	return "localhost:" + port
}

// serverName reads the ServerName of a client.conf; "" when the file is
// missing or names none. CUPS takes the last ServerName of a file.
func serverName(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	name := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		key, value, _ := strings.Cut(strings.Join(strings.Fields(line), " "), " ")
		if strings.EqualFold(key, "ServerName") {
			if s := cleanServer(value); s != "" {
				name = s
			}
		}
	}
	return name
}

// cleanServer trims a server name and drops the "/version=1.1" that CUPS
// allows after a host name (a socket path is taken as it is).
func cleanServer(s string) string {
	s = strings.TrimSpace(s)
	if s != "" && s[0] != '/' {
		s, _, _ = strings.Cut(s, "/")
	}
	return s
}
