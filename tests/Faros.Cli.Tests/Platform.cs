// The suite drives etcd, kube-apiserver and kubectl built for Linux, and checks Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
