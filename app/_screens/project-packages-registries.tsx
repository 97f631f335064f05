import type { Actor } from '@/lib/actor';
import type { ProjectView } from '@/lib/projects/projects';
import { projectRegistryOverview } from '@/lib/registry/project-registry';

function Example({ label, lines }: { label: string; lines: string[] }) {
  return (
    <figure className="space-y-1">
      <figcaption className="text-sm font-semibold">{label}</figcaption>
      <pre aria-label={label} className="overflow-x-auto rounded bg-gray-900 p-3 font-mono text-sm text-gray-100">
        {lines.join('\n')}
      </pre>
    </figure>
  );
}

/** Settings > Packages and registries: the container registry's address, how to log in, and the project's images. */
export async function ProjectPackagesRegistriesScreen({ actor, view }: { actor: Actor; view: ProjectView }) {
  const overview = await projectRegistryOverview({ actor, projectId: view.project.id });
  if (!overview) return null;
  const { host, imagePrefix, listing } = overview;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Packages and registries</h1>
      <section aria-labelledby="container-registry-heading" className="space-y-4">
        <h2 id="container-registry-heading" className="text-xl font-semibold">
          Container registry
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="registry-address" className="text-sm font-semibold">
            Registry address
          </label>
          <input
            id="registry-address"
            readOnly
            value={imagePrefix}
            spellCheck={false}
            className="min-w-0 flex-1 rounded border border-gray-400 bg-white px-3 py-2 font-mono text-sm"
          />
        </div>
        <p className="text-gray-700">
          Sign in with any user name and a project access token with the <code>read_registry</code> scope (pull) or{' '}
          <code>write_registry</code> scope (push), a personal access token, or your password.
        </p>
        <Example
          label="Docker"
          lines={[
            `echo "$TOKEN" | docker login ${host} --username any --password-stdin`,
            `docker build -t ${imagePrefix}/app:latest .`,
            `docker push ${imagePrefix}/app:latest`,
          ]}
        />
        <Example label="skopeo" lines={[`skopeo copy --dest-creds "any:$TOKEN" oci:./image:latest docker://${imagePrefix}/app:latest`]} />
      </section>
      <section aria-labelledby="container-images-heading" className="space-y-2">
        <h2 id="container-images-heading" className="text-xl font-semibold">
          Images
        </h2>
        {listing.status === 'unreachable' ? (
          <p role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-amber-900">
            The container registry is unreachable, so the images cannot be listed. {listing.message}
          </p>
        ) : listing.repositories.length === 0 ? (
          <p className="text-gray-600">This project has no container images yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b">
                <th scope="col" className="py-2 pr-4">
                  Image
                </th>
                <th scope="col" className="py-2">
                  Tags
                </th>
              </tr>
            </thead>
            <tbody>
              {listing.repositories.map((repository) => (
                <tr key={repository.name} className="border-b align-top">
                  <td className="py-2 pr-4 font-mono">{`${host}/${repository.name}`}</td>
                  <td className="py-2">
                    {repository.tags.length === 0 ? (
                      <span className="text-gray-600">no tags</span>
                    ) : (
                      <ul className="flex flex-wrap gap-1">
                        {repository.tags.map((tag) => (
                          <li key={tag} className="rounded bg-gray-200 px-2 font-mono">
                            {tag}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
