/**
 * Schema definitions: core/v1 Container and everything hanging off it: ports, env, resources, probes, lifecycle, security context, container status.
 * Field names, types, required lists and patch metadata follow Kubernetes 1.33;
 * descriptions are our own.
 */
import type { Definitions, Schema } from '../dsl.ts'
import { str, int32, int64, bool, ref, mapOf, arrayOf } from '../dsl.ts'

/** Container fields; an EphemeralContainer has the same ones plus targetContainerName. */
const CONTAINER_PROPERTIES: Record<string, Schema> = {
  args: arrayOf(str(), undefined, { listType: 'atomic' }),
  command: arrayOf(str(), undefined, { listType: 'atomic' }),
  env: arrayOf(ref('io.k8s.api.core.v1.EnvVar'), 'Environment variables of the container.', { listType: 'map', listMapKeys: ['name'], patchStrategy: 'merge', patchMergeKey: 'name' }),
  envFrom: arrayOf(ref('io.k8s.api.core.v1.EnvFromSource'), undefined, { listType: 'atomic' }),
  image: str('Container image reference.'),
  imagePullPolicy: str(undefined, { enum: ['Always', 'IfNotPresent', 'Never'] }),
  lifecycle: ref('io.k8s.api.core.v1.Lifecycle'),
  livenessProbe: ref('io.k8s.api.core.v1.Probe'),
  name: str('Name of the container, a DNS label unique within the pod.'),
  ports: arrayOf(ref('io.k8s.api.core.v1.ContainerPort'), 'Ports the container exposes (informational).', { listType: 'map', listMapKeys: ['containerPort', 'protocol'], patchStrategy: 'merge', patchMergeKey: 'containerPort' }),
  readinessProbe: ref('io.k8s.api.core.v1.Probe'),
  resizePolicy: arrayOf(ref('io.k8s.api.core.v1.ContainerResizePolicy'), undefined, { listType: 'atomic' }),
  resources: ref('io.k8s.api.core.v1.ResourceRequirements', 'Compute resources of the container.'),
  restartPolicy: str(),
  securityContext: ref('io.k8s.api.core.v1.SecurityContext'),
  startupProbe: ref('io.k8s.api.core.v1.Probe'),
  stdin: bool(),
  stdinOnce: bool(),
  terminationMessagePath: str(),
  terminationMessagePolicy: str(undefined, { enum: ['FallbackToLogsOnError', 'File'] }),
  tty: bool(),
  volumeDevices: arrayOf(ref('io.k8s.api.core.v1.VolumeDevice'), undefined, { listType: 'map', listMapKeys: ['devicePath'], patchStrategy: 'merge', patchMergeKey: 'devicePath' }),
  volumeMounts: arrayOf(ref('io.k8s.api.core.v1.VolumeMount'), undefined, { listType: 'map', listMapKeys: ['mountPath'], patchStrategy: 'merge', patchMergeKey: 'mountPath' }),
  workingDir: str(),
}

export const coreV1ContainerDefinitions: Definitions = {
  'io.k8s.api.core.v1.Capabilities': {
    type: 'object',
    description: 'Linux capabilities to add to or drop from a container.',
    properties: {
      add: arrayOf(str(), undefined, { listType: 'atomic' }),
      drop: arrayOf(str(), undefined, { listType: 'atomic' }),
    },
  },
  'io.k8s.api.core.v1.ConfigMapEnvSource': {
    type: 'object',
    description: 'Exposes every key of a ConfigMap as environment variables.',
    properties: {
      name: str(),
      optional: bool(),
    },
  },
  'io.k8s.api.core.v1.ConfigMapKeySelector': {
    type: 'object',
    description: 'Picks one key of a ConfigMap.',
    properties: {
      key: str(),
      name: str(),
      optional: bool(),
    },
    required: ['key'],
    mapType: 'atomic',
  },
  'io.k8s.api.core.v1.Container': {
    type: 'object',
    description: 'One application container of a pod: image, command, environment, resources, mounts, probes and security settings.',
    properties: {
      ...CONTAINER_PROPERTIES,
    },
    required: ['name'],
  },
  'io.k8s.api.core.v1.ContainerResizePolicy': {
    type: 'object',
    description: 'How a container reacts when one of its resources is resized in place.',
    properties: {
      resourceName: str(),
      restartPolicy: str(),
    },
    required: ['resourceName', 'restartPolicy'],
  },
  'io.k8s.api.core.v1.ContainerState': {
    type: 'object',
    description: 'The current state of a container; exactly one member is set.',
    properties: {
      running: ref('io.k8s.api.core.v1.ContainerStateRunning'),
      terminated: ref('io.k8s.api.core.v1.ContainerStateTerminated'),
      waiting: ref('io.k8s.api.core.v1.ContainerStateWaiting'),
    },
  },
  'io.k8s.api.core.v1.ContainerStateRunning': {
    type: 'object',
    description: 'A container that is running.',
    properties: {
      startedAt: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time'),
    },
  },
  'io.k8s.api.core.v1.ContainerStateTerminated': {
    type: 'object',
    description: 'A container that has finished, with its exit code and reason.',
    properties: {
      containerID: str(),
      exitCode: int32(),
      finishedAt: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time'),
      message: str(),
      reason: str(),
      signal: int32(),
      startedAt: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time'),
    },
    required: ['exitCode'],
  },
  'io.k8s.api.core.v1.ContainerStateWaiting': {
    type: 'object',
    description: 'A container that is not running yet, with the reason it waits.',
    properties: {
      message: str(),
      reason: str(),
    },
  },
  'io.k8s.api.core.v1.ContainerUser': {
    type: 'object',
    description: 'The identity the container process actually runs as.',
    properties: {
      linux: ref('io.k8s.api.core.v1.LinuxContainerUser'),
    },
  },
  'io.k8s.api.core.v1.EnvFromSource': {
    type: 'object',
    description: 'A source that fills many environment variables at once (a ConfigMap or a Secret).',
    properties: {
      configMapRef: ref('io.k8s.api.core.v1.ConfigMapEnvSource'),
      prefix: str(),
      secretRef: ref('io.k8s.api.core.v1.SecretEnvSource'),
    },
  },
  'io.k8s.api.core.v1.EnvVar': {
    type: 'object',
    description: 'One environment variable of a container.',
    properties: {
      name: str(),
      value: str(),
      valueFrom: ref('io.k8s.api.core.v1.EnvVarSource'),
    },
    required: ['name'],
  },
  'io.k8s.api.core.v1.EnvVarSource': {
    type: 'object',
    description: 'Where the value of an environment variable comes from.',
    properties: {
      configMapKeyRef: ref('io.k8s.api.core.v1.ConfigMapKeySelector'),
      fieldRef: ref('io.k8s.api.core.v1.ObjectFieldSelector'),
      resourceFieldRef: ref('io.k8s.api.core.v1.ResourceFieldSelector'),
      secretKeyRef: ref('io.k8s.api.core.v1.SecretKeySelector'),
    },
  },
  'io.k8s.api.core.v1.EphemeralContainer': {
    type: 'object',
    description: 'A temporary container added to a running pod for debugging; it is never restarted and has no ports or probes.',
    properties: {
      ...CONTAINER_PROPERTIES,
      targetContainerName: str('Name of the container whose namespaces this debugging container joins.'),
    },
    required: ['name'],
  },
  'io.k8s.api.core.v1.ExecAction': {
    type: 'object',
    description: 'Runs a command inside the container.',
    properties: {
      command: arrayOf(str(), undefined, { listType: 'atomic' }),
    },
  },
  'io.k8s.api.core.v1.GRPCAction': {
    type: 'object',
    description: 'Checks a port with the gRPC health checking protocol.',
    properties: {
      port: int32(),
      service: str(),
    },
    required: ['port'],
  },
  'io.k8s.api.core.v1.HTTPGetAction': {
    type: 'object',
    description: 'Sends an HTTP GET request; a status from 200 to 399 is a success.',
    properties: {
      host: str(),
      httpHeaders: arrayOf(ref('io.k8s.api.core.v1.HTTPHeader'), undefined, { listType: 'atomic' }),
      path: str(),
      port: ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString'),
      scheme: str(undefined, { enum: ['HTTP', 'HTTPS'] }),
    },
    required: ['port'],
  },
  'io.k8s.api.core.v1.HTTPHeader': {
    type: 'object',
    description: 'A header sent with an HTTP probe.',
    properties: {
      name: str(),
      value: str(),
    },
    required: ['name', 'value'],
  },
  'io.k8s.api.core.v1.Lifecycle': {
    type: 'object',
    description: 'Actions run by the node right after a container starts and right before it stops.',
    properties: {
      postStart: ref('io.k8s.api.core.v1.LifecycleHandler'),
      preStop: ref('io.k8s.api.core.v1.LifecycleHandler'),
      stopSignal: str(undefined, { enum: ['SIGABRT', 'SIGALRM', 'SIGBUS', 'SIGCHLD', 'SIGCLD', 'SIGCONT', 'SIGFPE', 'SIGHUP', 'SIGILL', 'SIGINT', 'SIGIO', 'SIGIOT', 'SIGKILL', 'SIGPIPE', 'SIGPOLL', 'SIGPROF', 'SIGPWR', 'SIGQUIT', 'SIGRTMAX', 'SIGRTMAX-1', 'SIGRTMAX-10', 'SIGRTMAX-11', 'SIGRTMAX-12', 'SIGRTMAX-13', 'SIGRTMAX-14', 'SIGRTMAX-2', 'SIGRTMAX-3', 'SIGRTMAX-4', 'SIGRTMAX-5', 'SIGRTMAX-6', 'SIGRTMAX-7', 'SIGRTMAX-8', 'SIGRTMAX-9', 'SIGRTMIN', 'SIGRTMIN+1', 'SIGRTMIN+10', 'SIGRTMIN+11', 'SIGRTMIN+12', 'SIGRTMIN+13', 'SIGRTMIN+14', 'SIGRTMIN+15', 'SIGRTMIN+2', 'SIGRTMIN+3', 'SIGRTMIN+4', 'SIGRTMIN+5', 'SIGRTMIN+6', 'SIGRTMIN+7', 'SIGRTMIN+8', 'SIGRTMIN+9', 'SIGSEGV', 'SIGSTKFLT', 'SIGSTOP', 'SIGSYS', 'SIGTERM', 'SIGTRAP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGUSR1', 'SIGUSR2', 'SIGVTALRM', 'SIGWINCH', 'SIGXCPU', 'SIGXFSZ'] }),
    },
  },
  'io.k8s.api.core.v1.LifecycleHandler': {
    type: 'object',
    description: 'One lifecycle action; exactly one member is set.',
    properties: {
      exec: ref('io.k8s.api.core.v1.ExecAction'),
      httpGet: ref('io.k8s.api.core.v1.HTTPGetAction'),
      sleep: ref('io.k8s.api.core.v1.SleepAction'),
      tcpSocket: ref('io.k8s.api.core.v1.TCPSocketAction'),
    },
  },
  'io.k8s.api.core.v1.LinuxContainerUser': {
    type: 'object',
    description: 'The Linux user and groups a container process runs as.',
    properties: {
      gid: int64(),
      supplementalGroups: arrayOf(int64(), undefined, { listType: 'atomic' }),
      uid: int64(),
    },
    required: ['uid', 'gid'],
  },
  'io.k8s.api.core.v1.ObjectFieldSelector': {
    type: 'object',
    description: 'Selects a field of the pod by its path.',
    properties: {
      apiVersion: str(),
      fieldPath: str(),
    },
    required: ['fieldPath'],
    mapType: 'atomic',
  },
  'io.k8s.api.core.v1.Probe': {
    type: 'object',
    description: 'A health check the node runs against a container, and how often and how strictly.',
    properties: {
      exec: ref('io.k8s.api.core.v1.ExecAction'),
      failureThreshold: int32(),
      grpc: ref('io.k8s.api.core.v1.GRPCAction'),
      httpGet: ref('io.k8s.api.core.v1.HTTPGetAction'),
      initialDelaySeconds: int32(),
      periodSeconds: int32(),
      successThreshold: int32(),
      tcpSocket: ref('io.k8s.api.core.v1.TCPSocketAction'),
      terminationGracePeriodSeconds: int64(),
      timeoutSeconds: int32(),
    },
  },
  'io.k8s.api.core.v1.ResourceClaim': {
    type: 'object',
    description: 'Names one entry of the pod resourceClaims that a container uses.',
    properties: {
      name: str(),
      request: str(),
    },
    required: ['name'],
  },
  'io.k8s.api.core.v1.ResourceFieldSelector': {
    type: 'object',
    description: 'Selects a resource limit or request of a container, with an optional divisor.',
    properties: {
      containerName: str(),
      divisor: ref('io.k8s.apimachinery.pkg.api.resource.Quantity'),
      resource: str(),
    },
    required: ['resource'],
    mapType: 'atomic',
  },
  'io.k8s.api.core.v1.ResourceHealth': {
    type: 'object',
    description: 'Health of one device allocated to a container.',
    properties: {
      health: str(),
      resourceID: str(),
    },
    required: ['resourceID'],
  },
  'io.k8s.api.core.v1.ResourceRequirements': {
    type: 'object',
    description: 'Compute resources a container (or pod) requests and may not exceed.',
    properties: {
      claims: arrayOf(ref('io.k8s.api.core.v1.ResourceClaim'), undefined, { listType: 'map', listMapKeys: ['name'] }),
      limits: mapOf(ref('io.k8s.apimachinery.pkg.api.resource.Quantity')),
      requests: mapOf(ref('io.k8s.apimachinery.pkg.api.resource.Quantity')),
    },
  },
  'io.k8s.api.core.v1.ResourceStatus': {
    type: 'object',
    description: 'Health of the devices behind one allocated resource.',
    properties: {
      name: str(),
      resources: arrayOf(ref('io.k8s.api.core.v1.ResourceHealth'), undefined, { listType: 'map', listMapKeys: ['resourceID'] }),
    },
    required: ['name'],
  },
  'io.k8s.api.core.v1.SecretEnvSource': {
    type: 'object',
    description: 'Exposes every key of a Secret as environment variables.',
    properties: {
      name: str(),
      optional: bool(),
    },
  },
  'io.k8s.api.core.v1.SecretKeySelector': {
    type: 'object',
    description: 'Picks one key of a Secret.',
    properties: {
      key: str(),
      name: str(),
      optional: bool(),
    },
    required: ['key'],
    mapType: 'atomic',
  },
  'io.k8s.api.core.v1.SecurityContext': {
    type: 'object',
    description: 'Security settings of one container; they override the pod-level settings.',
    properties: {
      allowPrivilegeEscalation: bool(),
      appArmorProfile: ref('io.k8s.api.core.v1.AppArmorProfile'),
      capabilities: ref('io.k8s.api.core.v1.Capabilities'),
      privileged: bool(),
      procMount: str(undefined, { enum: ['Default', 'Unmasked'] }),
      readOnlyRootFilesystem: bool(),
      runAsGroup: int64(),
      runAsNonRoot: bool(),
      runAsUser: int64(),
      seLinuxOptions: ref('io.k8s.api.core.v1.SELinuxOptions'),
      seccompProfile: ref('io.k8s.api.core.v1.SeccompProfile'),
      windowsOptions: ref('io.k8s.api.core.v1.WindowsSecurityContextOptions'),
    },
  },
  'io.k8s.api.core.v1.SleepAction': {
    type: 'object',
    description: 'Pauses for a number of seconds.',
    properties: {
      seconds: int64(),
    },
    required: ['seconds'],
  },
  'io.k8s.api.core.v1.TCPSocketAction': {
    type: 'object',
    description: 'Opens a TCP connection to a port.',
    properties: {
      host: str(),
      port: ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString'),
    },
    required: ['port'],
  },
  'io.k8s.api.core.v1.VolumeDevice': {
    type: 'object',
    description: 'Maps a raw block volume to a device path inside the container.',
    properties: {
      devicePath: str(),
      name: str(),
    },
    required: ['name', 'devicePath'],
  },
  'io.k8s.api.core.v1.VolumeMount': {
    type: 'object',
    description: 'Mounts a volume at a path inside the container.',
    properties: {
      mountPath: str(),
      mountPropagation: str(undefined, { enum: ['Bidirectional', 'HostToContainer', 'None'] }),
      name: str(),
      readOnly: bool(),
      recursiveReadOnly: str(),
      subPath: str(),
      subPathExpr: str(),
    },
    required: ['name', 'mountPath'],
  },
  'io.k8s.api.core.v1.VolumeMountStatus': {
    type: 'object',
    description: 'The mount of a volume as the node applied it.',
    properties: {
      mountPath: str(),
      name: str(),
      readOnly: bool(),
      recursiveReadOnly: str(),
    },
    required: ['name', 'mountPath'],
  },
}
