package devserver

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
)

// contentPolicy is the Content-Security-Policy of every answer: scripts and
// styles only from the server itself (inline styles allowed for the
// theme's colours), no plugins, no framing, forms and requests to the site
// or to https form services (forms also to mailto:, the e-mail a browser
// composes when the site has no form service), embedded videos from https hosts once the
// reader asks. JSON-LD in the pages is data, not script: it is not affected.
const contentPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: https:; media-src 'self' https:; font-src 'self'; frame-src https:; " +
	"connect-src 'self' https:; form-action 'self' https: mailto:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"

// secure wraps the server's handlers: it refuses requests for host names
// other than the server's own (DNS rebinding: a web page that makes its
// own name point to 127.0.0.1 must not read the preview or post to the
// form receiver) and adds the security headers to every answer.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		if !s.hostAllowed(r.Host) {
			http.Error(w, fmt.Sprintf("This preview server answers only to its own address (such as http://127.0.0.1:%s/), not to %q.", s.port(), r.Host), http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// port is the port the server listens on, or the one asked for.
func (s *Server) port() string {
	if _, p, err := net.SplitHostPort(s.addr); err == nil {
		return p
	}
	return fmt.Sprint(s.opt.Port)
}

// hostAllowed reports whether a Host header names this server: localhost,
// a loopback address, the bind address, and, when the server is reachable
// from other computers, any address of this one (an IP address cannot be
// rebound) and its host name. Any port is accepted: a port forward may
// change it.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"), "."))
	if host == "" {
		return false
	}
	ip := net.ParseIP(host)
	switch {
	case host == "localhost", ip != nil && ip.IsLoopback():
		return true
	case host == strings.ToLower(strings.Trim(s.opt.Bind, "[]")):
		return true
	case loopback(s.opt.Bind):
		return false
	case ip != nil:
		return true
	}
	name, err := os.Hostname()
	name = strings.ToLower(name)
	return err == nil && name != "" && (host == name || host == name+".local")
}

// loopback reports whether a bind address keeps the server to this computer.
func loopback(bind string) bool {
	if bind == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(bind, "[]"))
	return ip != nil && ip.IsLoopback()
}

// bindWarning is what the terminal says when the server is reachable from
// other computers, or "".
func (s *Server) bindWarning() string {
	if loopback(s.opt.Bind) {
		return ""
	}
	w := fmt.Sprintf("warning: --bind %s makes this preview reachable from other computers on the network: anyone who can reach this one can read the site, drafts included", s.opt.Bind)
	if s.opt.Forms != nil {
		w += ", and send forms to your submissions file"
	}
	return w + ". Use it only on a network you trust, and stop the server when you are done (the default, 127.0.0.1, keeps it to this computer)."
}
