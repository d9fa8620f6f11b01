package cli

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"dateline/internal/sitetest"
)

func TestUserAddAndTokenCreate(t *testing.T) {
	data := t.TempDir()
	run := func(stdin string, args ...string) (int, string, string) {
		var out, errOut strings.Builder
		code := Run(context.Background(), args, strings.NewReader(stdin), &out, &errOut, func(string) string { return "" })
		return code, out.String(), errOut.String()
	}
	code, out, stderr := run(
		"a good long password\n",
		"user",
		"add",
		"--data",
		data,
		"--email",
		"Chief@Example.com",
		"--name",
		"Chief Editor",
		"--role",
		"admin",
	)
	if code != 0 || !strings.Contains(out, "Added Chief Editor <chief@example.com> as admin") {
		t.Fatalf("user add: %d %q %q", code, out, stderr)
	}
	if code, _, stderr := run("another long password\n", "user", "add", "--data", data, "--email", "chief@example.com", "--name",
		"Dup", "--role", "writer"); code != 1 ||
		!strings.Contains(stderr, "already in use") {
		t.Fatalf("duplicate email: %d %q", code, stderr)
	}
	if code, _, stderr := run("short\n", "user", "add", "--data", data, "--email", "w@example.com", "--name", "W", "--role",
		"writer"); code != 1 ||
		!strings.Contains(stderr, "at least 10") {
		t.Fatalf("weak password: %d %q", code, stderr)
	}
	if code, _, stderr := run("a good long password\n", "user", "add", "--data", data, "--email", "w@example.com", "--name", "W",
		"--role", "boss"); code != 1 ||
		!strings.Contains(stderr, "role") {
		t.Fatalf("bad role: %d %q", code, stderr)
	}
	code, _, _ = run("", "user", "add", "--data", data, "--email", "n@example.com", "--name", "No Password", "--role", "writer")
	if code != 1 {
		t.Fatalf("no password on stdin: %d", code)
	}
	code, out, _ = run(
		"",
		"user",
		"add",
		"--data",
		data,
		"--email",
		"gen@example.com",
		"--name",
		"Gen Writer",
		"--role",
		"writer",
		"--generate-password",
	)
	if code != 0 || !strings.Contains(out, "Password (shown once): ") {
		t.Fatalf("generated password: %d %q", code, out)
	}
	if code, _, _ := run("", "user", "remove"); code != 2 {
		t.Fatalf("unknown user subcommand: %d, want 2", code)
	}

	code, token, stderr := run("", "token", "create", "--data", data, "--email", "chief@example.com")
	token = strings.TrimSpace(token)
	if code != 0 || len(token) < 40 {
		t.Fatalf("token create: %d %q %q", code, token, stderr)
	}
	if code, _, stderr := run("", "token", "create", "--data", data, "--email", "nobody@example.com"); code != 1 ||
		!strings.Contains(stderr, "no person") {
		t.Fatalf("token for nobody: %d %q", code, stderr)
	}

	// The token works against a server on the same data.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var sout, serr sitetest.LockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--data", data, "--addr", "127.0.0.1:0"}, strings.NewReader(""), &sout, &serr,
			func(string) string { return "" })
	}()
	url := waitServing(t, &sout, done)
	req, _ := http.NewRequest("GET", url+"api/admin/v1/stories?state=draft", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("API with the new token: %d", resp.StatusCode)
	}
	if strings.Contains(sout.String(), "No newsroom admin exists") {
		t.Fatal("serve asks for an admin although one exists")
	}
}
