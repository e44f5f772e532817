// Bundles one Nest app into dist/apps/<app>/main.js: workspace libs are inlined, every npm
// package stays external (installed from package.json in the image), decorators keep metadata.
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));

const alias = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([name, [target]]) => [name, path.join(root, target)]),
);

module.exports = function nodeAppConfig(app) {
  return {
    mode: process.env.NODE_ENV === 'development' ? 'development' : 'production',
    target: 'node20',
    context: root,
    entry: path.join(root, 'apps', app, 'src/main.ts'),
    devtool: 'source-map',
    output: { path: path.join(root, 'dist/apps', app), filename: 'main.js', clean: true },
    resolve: { extensions: ['.ts', '.js', '.json'], alias },
    externalsPresets: { node: true },
    externals: [
      ({ request }, callback) => {
        if (/^[@a-z]/i.test(request) && !request.startsWith('@wealist/')) return callback(null, `commonjs ${request}`);
        return callback();
      },
    ],
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          options: { transpileOnly: true, configFile: path.join(root, 'apps', app, 'tsconfig.app.json') },
        },
      ],
    },
    optimization: { minimize: false, nodeEnv: false },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
