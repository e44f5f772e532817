// The module boundary rules of the workspace, shared by eslint.config.mjs and the test that
// proves a violation fails lint. An app may use only its own scope and scope:shared, never
// another app; each type may depend only on the types below it.
module.exports = {
  enforceBuildableLibDependency: false,
  allow: [],
  banTransitiveDependencies: false,
  depConstraints: [
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:testing'] },
    { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'] },
    { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'] },
    { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:tooling', 'type:util', 'type:testing', 'type:data-access'] },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:auth', 'scope:shared'] },
    { sourceTag: 'scope:user', onlyDependOnLibsWithTags: ['scope:user', 'scope:shared'] },
    { sourceTag: 'scope:board', onlyDependOnLibsWithTags: ['scope:board', 'scope:shared'] },
    { sourceTag: 'scope:storage', onlyDependOnLibsWithTags: ['scope:storage', 'scope:shared'] },
    { sourceTag: 'scope:video', onlyDependOnLibsWithTags: ['scope:video', 'scope:shared'] },
    { sourceTag: 'scope:chat', onlyDependOnLibsWithTags: ['scope:chat', 'scope:shared'] },
    { sourceTag: 'scope:notification', onlyDependOnLibsWithTags: ['scope:notification', 'scope:shared'] },
    { sourceTag: 'scope:trading', onlyDependOnLibsWithTags: ['scope:trading', 'scope:shared'] },
  ],
};
