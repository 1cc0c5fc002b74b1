// Command deploy-check checks the deployment files with the libraries the real tools use, for a machine where the
// tools cannot run (no Docker engine, no cluster):
//
//	deploy-check compose <docker-compose.yml> [NAME=value ...]   the project as `docker compose config` loads it, as JSON
//	deploy-check k8s <manifest.yaml> ...                          each object decoded as the API server would, as JSON
//
// Problems go to stderr, one a line, and the exit status is 1. The project's own checks of what the files mean for
// the app (its settings, ports, shared secrets) are in dev/deploy-check.ts, on this program's JSON.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: deploy-check compose <docker-compose.yml> [NAME=value ...] | deploy-check k8s <manifest.yaml> ...")
		os.Exit(2)
	}
	var out any
	var problems []string
	switch os.Args[1] {
	case "compose":
		project, err := loadCompose(context.Background(), os.Args[2], os.Args[3:])
		if err != nil {
			problems = append(problems, err.Error())
		}
		out = project
	case "k8s":
		out, problems = checkManifests(os.Args[2:])
	default:
		fmt.Fprintf(os.Stderr, "unknown check %q: compose or k8s\n", os.Args[1])
		os.Exit(2)
	}
	for _, problem := range problems {
		fmt.Fprintln(os.Stderr, problem)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
