package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/people"
	"dateline/internal/story"
)

// userCmd handles "dateline user add".
func userCmd(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		fmt.Fprintln(env.Stderr, "Usage: dateline user add --email E --name N --role writer|editor|admin  (password on stdin)")
		return errUsage
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	email := fs.String("email", "", "email address (signs in with it)")
	name := fs.String("name", "", "full name, as printed in bylines")
	role := fs.String("role", "", "writer, editor or admin")
	generate := fs.Bool("generate-password", false, "generate a password and print it once instead of reading stdin")
	st := addStorageFlags(fs, env)
	if err := parseFlags(fs, env, args[1:]); err != nil {
		return err
	}
	var password string
	if *generate {
		password = auth.GeneratePassword()
	} else {
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("no password on standard input (pipe one in, or use --generate-password)")
		}
		password = strings.TrimRight(line, "\r\n")
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	s, blobs, err := st.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	defer blobs.Close()
	p := people.Person{Name: strings.TrimSpace(*name), Email: strings.TrimSpace(*email), Role: people.Role(*role), Slug: story.Slugify(*name)}
	if err := s.CreatePerson(ctx, &p); err != nil {
		if errors.Is(err, people.ErrSlugTaken) {
			p.Slug = story.Slugify(*name + " " + strings.Split(*email, "@")[0])
			err = s.CreatePerson(ctx, &p)
		}
		if err != nil {
			return err
		}
	}
	if err := s.SetPassword(ctx, p.ID, hash); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Added %s <%s> as %s.\n", p.Name, p.Email, p.Role)
	if *generate {
		fmt.Fprintf(env.Stdout, "Password (shown once): %s\n", password)
	}
	return nil
}

// tokenCmd handles "dateline token create --email E".
func tokenCmd(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(env.Stderr, "Usage: dateline token create --email E [--name N]")
		return errUsage
	}
	fs := flag.NewFlagSet("token create", flag.ContinueOnError)
	email := fs.String("email", "", "the person the token acts as")
	name := fs.String("name", "cli", "a name to recognise the token by")
	st := addStorageFlags(fs, env)
	if err := parseFlags(fs, env, args[1:]); err != nil {
		return err
	}
	s, blobs, err := st.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	defer blobs.Close()
	p, err := s.PersonByEmail(ctx, *email)
	if errors.Is(err, people.ErrNotFound) {
		return fmt.Errorf("no person with email %q (add one with dateline user add)", *email)
	}
	if err != nil {
		return err
	}
	if p.Disabled {
		return fmt.Errorf("%s is disabled", p.Email)
	}
	secret, hash := auth.NewSecret()
	if err := s.CreateToken(ctx, hash, p.ID, *name); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, secret)
	return nil
}
