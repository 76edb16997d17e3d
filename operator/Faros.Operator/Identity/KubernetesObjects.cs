using Faros.Operator.Controllers;

namespace Faros.Operator.Identity;

/// <summary>Create-if-missing and delete-if-present for the plain objects reconcilers own.</summary>
public static class KubernetesObjects
{
    public static async Task EnsureExistsAsync<T>(Func<Task<T>> read, Func<Task<T>> create)
    {
        try
        {
            await read();
        }
        catch (Exception missing) when (Conflicts.IsNotFound(missing))
        {
            try
            {
                await create();
            }
            catch (Exception raced) when (Conflicts.IsConflict(raced))
            {
                // Created meanwhile (409 AlreadyExists): what was wanted.
            }
        }
    }

    public static async Task DeleteIfExistsAsync<T>(Func<Task<T>> delete)
    {
        try
        {
            await delete();
        }
        catch (Exception missing) when (Conflicts.IsNotFound(missing))
        {
        }
    }
}
