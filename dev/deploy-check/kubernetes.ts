import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { acceptedPlaceholders, appRole, settingsProblems } from './app-settings';
import { decodeManifests, type ManifestObject } from './go-checker';

interface Container {
  name: string;
  image?: string;
  command?: string[];
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  volumeMounts?: Array<{ name: string; mountPath: string }>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: { httpGet?: { port: string | number } };
  livenessProbe?: { httpGet?: { port: string | number } };
  startupProbe?: { httpGet?: { port: string | number } };
}

interface PodSpec {
  containers: Container[];
  volumes?: Array<{ name: string; persistentVolumeClaim?: unknown }>;
}

const podSpec = (workload: ManifestObject): PodSpec => workload.object.spec.template.spec;

/** A CPU quantity in cores ("3", "500m"). */
const cores = (quantity: string | undefined) =>
  quantity === undefined ? undefined : quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);

/**
 * The manifests in deploy/k8s: each object decoded as the API server would, then what holds them together (the
 * Secret and ConfigMap the pods read, the ports the Service and probes name) and what they mean for our processes.
 */
export function kubernetesProblems(root: string): string[] {
  const dir = join(root, 'deploy', 'k8s');
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => join(dir, file));
  const decoded = decodeManifests(files);
  if (!decoded.ok) return decoded.problems.map((problem) => `deploy/k8s/${problem}`);
  const objects = decoded.value;
  const problems: string[] = [];
  const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job');
  const images = new Set<string>();

  for (const workload of workloads) {
    const pod = podSpec(workload);
    const volumes = new Map((pod.volumes ?? []).map((volume) => [volume.name, volume]));
    for (const container of pod.containers) {
      const where = `deploy/k8s/${workload.file} ${workload.kind} ${workload.name} container ${container.name}`;
      const env: Record<string, string> = {};
      const operatorValues = new Set<string>();
      for (const source of container.envFrom ?? []) {
        const [kind, ref] = source.configMapRef ? ['ConfigMap', source.configMapRef] : ['Secret', source.secretRef];
        if (!ref) continue;
        const found = objects.find((o) => o.kind === kind && o.name === ref.name);
        if (!found) {
          problems.push(`${where} reads ${kind} ${ref.name}, which no manifest here defines`);
          continue;
        }
        const data: Record<string, string> = (kind === 'ConfigMap' ? found.object.data : found.object.stringData) ?? {};
        for (const [name, value] of Object.entries(data)) {
          env[name] = value;
          if (kind === 'Secret') operatorValues.add(name);
        }
      }
      for (const variable of container.env ?? []) {
        env[variable.name] = variable.value ?? '';
        operatorValues.delete(variable.name);
      }
      for (const mount of container.volumeMounts ?? []) {
        if (!volumes.has(mount.name))
          problems.push(`${where} mounts volume ${mount.name}, which its pod does not have`);
      }
      const portNames = new Set((container.ports ?? []).map((port) => port.name));
      for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe'] as const) {
        const port = container[probe]?.httpGet?.port;
        if (typeof port === 'string' && !portNames.has(port))
          problems.push(`${where} ${probe} uses port ${port}, which the container does not name`);
      }

      const role = appRole(container.command);
      if (!role) continue;
      if (container.image) images.add(container.image);
      // An emptyDir is the pod's own; a claim may be shared (ReadWriteMany), which is the operator's to make sure of.
      const dataMount = container.volumeMounts?.find((mount) => mount.mountPath === env.DATA_DIR);
      const sharedDataDir = Boolean(dataMount && volumes.get(dataMount.name)?.persistentVolumeClaim);
      problems.push(...settingsProblems({ where, role, env, operatorValues, sharedDataDir }));
      if (role === 'worker') {
        const renderProcesses = Number(env.RENDER_PROCESSES || 1);
        for (const kind of ['requests', 'limits'] as const) {
          const cpu = container.resources?.[kind]?.cpu;
          if (cores(cpu) !== renderProcesses + 1) {
            problems.push(
              `${where} has ${kind}.cpu ${cpu ?? 'unset'}: with RENDER_PROCESSES=${renderProcesses} it wants ${renderProcesses + 1} (a core each, and one for the worker's thread)`,
            );
          }
        }
      }
    }
  }
  if (images.size > 1)
    problems.push(`deploy/k8s: our processes run ${[...images].join(' and ')}; one image serves all`);

  for (const service of objects.filter((o) => o.kind === 'Service')) {
    const where = `deploy/k8s/${service.file} Service ${service.name}`;
    const selector: Record<string, string> = service.object.spec.selector ?? {};
    const selected = workloads.filter(
      (w) =>
        w.kind === 'Deployment' &&
        Object.entries(selector).every(([key, value]) => w.object.spec.template.metadata.labels?.[key] === value),
    );
    if (!selected.length) problems.push(`${where} selects no Deployment's pods`);
    for (const port of service.object.spec.ports ?? []) {
      const target: string | number = port.targetPort ?? port.port;
      for (const workload of selected) {
        const exposed = podSpec(workload).containers.some((c) =>
          (c.ports ?? []).some((p) => (typeof target === 'string' ? p.name === target : p.containerPort === target)),
        );
        if (!exposed)
          problems.push(`${where} sends port ${port.port} to ${target}, which ${workload.name} does not expose`);
      }
    }
  }

  for (const secret of objects.filter((o) => o.kind === 'Secret')) {
    problems.push(
      ...acceptedPlaceholders(`deploy/k8s/${secret.file} Secret ${secret.name}`, secret.object.stringData ?? {}),
    );
  }
  return problems;
}
