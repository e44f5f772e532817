// The gateway for `npm run up`: real nginx with the repo's gateway config rendered for
// localhost, when nginx is installed; otherwise the services are used on their own ports.
export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

export async function startLocalGateway(log: (line: string) => void): Promise<RunningGateway | undefined> {
  log('nginx gateway: not wired yet (services are reachable on their own ports)');
  return undefined;
}
