// Start a Bluesky Personal Data Server (with an in-memory PLC directory, no AppView) on
// loopback for tests/networks/test_bluesky_pds.py; print its URL as one JSON line; stop
// when standard input closes. Run with Node 22 from .cache/pds (scripts/install-pds.sh).
import { TestNetworkNoAppView } from '@atproto/dev-env'

const net = await TestNetworkNoAppView.create({})
process.stdout.write(JSON.stringify({ url: net.pds.url }) + '\n')
process.stdin.resume()
const stop = async () => { await net.close(); process.exit(0) }
process.stdin.on('end', stop)
process.on('SIGTERM', stop)
