using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Samples.DeviceInfo;

/// <summary>A device's own inventory record; the plugin fills in its status.</summary>
[KubernetesEntity(Group = "plugins.faros.sh", ApiVersion = "v1alpha1", Kind = "DeviceInfo", PluralName = "deviceinfos")]
public sealed class DeviceInfo : CustomResource<DeviceInfoSpec, DeviceInfoStatus>;
