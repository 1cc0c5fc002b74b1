package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/validation"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
)

// manifestObject is one object of a manifest, as decoded.
type manifestObject struct {
	File   string          `json:"file"`
	Kind   string          `json:"kind"`
	Name   string          `json:"name"`
	Object json.RawMessage `json:"object"`
}

// newDecoder decodes the kinds our manifests use, strictly: an unknown or duplicated field is an error, as with
// kubectl's default server-side field validation. Any other kind is an error too, not skipped.
func newDecoder() runtime.Decoder {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{corev1.AddToScheme, appsv1.AddToScheme, batchv1.AddToScheme} {
		if err := add(scheme); err != nil {
			panic(err)
		}
	}
	return serializer.NewCodecFactory(scheme, serializer.EnableStrict).UniversalDeserializer()
}

// checkManifests decodes every document of every file and applies the API server's rules below.
func checkManifests(files []string) ([]manifestObject, []string) {
	decoder := newDecoder()
	objects := []manifestObject{}
	var problems []string
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		reader := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
		for index := 1; ; index++ {
			document, err := reader.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			where := fmt.Sprintf("%s (document %d)", filepath.Base(file), index)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", where, err))
				break
			}
			if onlyComments(document) {
				continue
			}
			decoded, kind, err := decoder.Decode(document, nil, nil)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", where, err))
				continue
			}
			name, found := apiServerProblems(decoded)
			for _, problem := range found {
				problems = append(problems, fmt.Sprintf("%s: %s %s: %s", where, kind.Kind, name, problem))
			}
			encoded, err := json.Marshal(decoded)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", where, err))
				continue
			}
			objects = append(objects, manifestObject{filepath.Base(file), kind.Kind, name, encoded})
		}
	}
	return objects, problems
}

func onlyComments(document []byte) bool {
	for _, line := range strings.Split(string(document), "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed != "" && trimmed != "---" && !strings.HasPrefix(trimmed, "#") {
			return false
		}
	}
	return true
}

// apiServerProblems: what the API server's validation would refuse in these kinds: names, labels, a selector that
// does not select its own pods, resource requests above their limits.
func apiServerProblems(decoded runtime.Object) (string, []string) {
	var problems []string
	check := func(what string, errs []string) {
		for _, err := range errs {
			problems = append(problems, what+": "+err)
		}
	}
	labels := func(where string, labels map[string]string) {
		for key, value := range labels {
			check(fmt.Sprintf("%s label %q", where, key), validation.IsQualifiedName(key))
			check(fmt.Sprintf("%s label %q value %q", where, key, value), validation.IsValidLabelValue(value))
		}
	}
	podTemplate := func(template corev1.PodTemplateSpec, selector map[string]string) {
		labels("pod template", template.Labels)
		for key, value := range selector {
			if template.Labels[key] != value {
				problems = append(problems, fmt.Sprintf("selector %s=%s does not match the pod template's labels", key, value))
			}
		}
		for _, container := range template.Spec.Containers {
			check(fmt.Sprintf("container name %q", container.Name), validation.IsDNS1123Label(container.Name))
			for _, port := range container.Ports {
				if port.Name != "" {
					check(fmt.Sprintf("container %s port name %q", container.Name, port.Name), validation.IsValidPortName(port.Name))
				}
			}
			for _, variable := range container.Env {
				check(fmt.Sprintf("container %s variable %q", container.Name, variable.Name), validation.IsEnvVarName(variable.Name))
			}
			for resource, request := range container.Resources.Requests {
				if limit, ok := container.Resources.Limits[resource]; ok && request.Cmp(limit) > 0 {
					problems = append(problems, fmt.Sprintf("container %s requests %s %s, more than its limit %s", container.Name, request.String(), resource, limit.String()))
				}
			}
		}
	}
	var name string
	switch o := decoded.(type) {
	case *appsv1.Deployment:
		name = o.Name
		labels("metadata", o.Labels)
		selector := map[string]string{}
		if o.Spec.Selector != nil {
			selector = o.Spec.Selector.MatchLabels
		} else {
			problems = append(problems, "spec.selector is required")
		}
		podTemplate(o.Spec.Template, selector)
	case *batchv1.Job:
		name = o.Name
		labels("metadata", o.Labels)
		podTemplate(o.Spec.Template, nil)
	case *corev1.Service:
		name = o.Name
		labels("metadata", o.Labels)
		check(fmt.Sprintf("name %q", o.Name), validation.IsDNS1035Label(o.Name))
	case *corev1.ConfigMap:
		name = o.Name
		labels("metadata", o.Labels)
		for key := range o.Data {
			check(fmt.Sprintf("key %q", key), validation.IsConfigMapKey(key))
		}
	case *corev1.Secret:
		name = o.Name
		labels("metadata", o.Labels)
		for key := range o.StringData {
			check(fmt.Sprintf("key %q", key), validation.IsConfigMapKey(key))
		}
	default:
		return "", []string{fmt.Sprintf("%T is not a kind these checks know", decoded)}
	}
	check(fmt.Sprintf("name %q", name), validation.IsDNS1123Subdomain(name))
	return name, problems
}
