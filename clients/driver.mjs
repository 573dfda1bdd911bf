#!/usr/bin/env node
// Runs one official TypeScript MCP client against a server, as a line-oriented JSON REPL, so a test (or a person)
// drives the real client step by step while it does the talking and the validating.
//
//   node driver.mjs --client sdk1|sdk2-pinned|sdk2-auto --stdio <command> [args...]
//   node driver.mjs --client sdk1|sdk2-pinned|sdk2-auto --http <url>      (bearer token from SSHMCP_AUTH_TOKEN)
//
// After connecting it prints {"event":"connected",...}. Then one request per stdin line, one answer per stdout line:
//   {"op":"listTools"}                                   -> {"ok":true,"tools":[...names],"schemaErrors":{...}}
//   {"op":"call","tool":"ssh_exec","args":{...},"timeoutMs":60000,"progress":true}
//        -> {"ok":true,"result":{"isError","structuredContent","text"},"validation":{"valid","errors"},"progress":N}
//        with "progress": the call sends a progress token and, as Claude Code and the Inspector do, restarts its
//        request timeout at each notifications/progress (resetTimeoutOnProgress); N counts the notifications seen
//        or {"ok":false,"error":{"name","message","code"}} when the client threw (e.g. -32602 from its own validation)
//   {"op":"close"}                                       -> {"ok":true}, then the driver exits
// Every answer carries "protocolVersion" (negotiated) and echoes "id" when the request had one.
//
// With --elicit-url the client declares URL-mode elicitation and plays the person at the browser, as scripted:
//   {"op":"human","plan":[{"action":"accept","submit":"before|after|never|page-cancel|twice","secret":"..."},...]}
//        one entry per elicitation, in order: the client answers "action" (accept, decline, cancel); with accept the
//        person opens the page (GET) and sends its form (POST, from the page's own origin as a browser does) before
//        the client answers, after it, never, or presses the page's Cancel; "twice" sends the form again after the
//        first (the reuse must fail). No plan left: the client answers cancel.
//   {"op":"seen"} -> {"ok":true,"elicitations":[{mode,message,url,hasElicitationId,page:{status,text},posts:[status...]}],
//        "transcript":[every JSON-RPC message the client sent or received since it connected, as text]}
// The driver validates each structuredContent itself, against the outputSchema that tools/list gave, with AJV in
// strict mode under both engines the SDKs use (draft-07 for sdk 1.x, 2020-12 for 2.x; a declared $schema wins).
import readline from 'node:readline';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule.default ?? addFormatsModule;
const clientInfo = { name: 'sshmcp-driver', version: '1.0.0' };

function usage(message) {
  process.stderr.write(`${message}\nusage: driver.mjs --client sdk1|sdk2-pinned|sdk2-auto [--elicit-url] (--stdio <command> [args...] | --http <url>)\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--client') options.client = argv[++i];
    else if (arg === '--http') options.url = argv[++i];
    else if (arg === '--elicit-url') options.elicitUrl = true;
    else if (arg === '--stdio') { options.command = argv[i + 1]; options.args = argv.slice(i + 2); break; }
    else usage(`unknown argument: ${arg}`);
  }
  if (!['sdk1', 'sdk2-pinned', 'sdk2-auto'].includes(options.client)) usage('--client is required');
  if (!options.url === !options.command) usage('give exactly one of --stdio and --http');
  return options;
}

// The person at the browser: what the client was asked, and what the page said and answered.
const human = { plan: [], seen: [], visits: [] };

function pageText(html) {
  return html.replace(/<style[^>]*>[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&quot;|&#x22;/g, '"')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

async function post(url, fields) {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    // What a browser sends with a form posted from the page itself.
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(url).origin, 'Sec-Fetch-Site': 'same-origin' },
    body: new URLSearchParams(fields).toString(),
  });
  await response.text();
  return response.status;
}

async function visit(record, step) {
  const response = await fetch(record.url, { redirect: 'manual' });
  const html = await response.text();
  record.page = { status: response.status, text: pageText(html), hasForm: /<form method="post"/.test(html) && /name="secret"/.test(html) };
  if (response.status !== 200) return;
  if (step.submit === 'page-cancel') {
    record.posts.push(await post(record.url, { secret: '', action: 'cancel' }));
    return;
  }
  record.posts.push(await post(record.url, { secret: step.secret ?? '', action: 'send' }));
  if (step.submit === 'twice') record.posts.push(await post(record.url, { secret: 'not-the-secret', action: 'send' }));
}

async function onElicit(request) {
  const params = request.params ?? {};
  const step = human.plan.shift() ?? { action: 'cancel' };
  const record = { mode: params.mode ?? 'form', message: params.message ?? '', url: params.url ?? null, hasElicitationId: typeof params.elicitationId === 'string', page: null, posts: [] };
  human.seen.push(record);
  if (step.action !== 'accept' || record.mode !== 'url') return { action: step.action === 'accept' ? 'decline' : step.action };
  if (step.submit === 'after') {
    // The client answers first (the person agreed to open the link); the page is sent a moment later.
    human.visits.push(new Promise(resolve => setTimeout(resolve, 50)).then(() => visit(record, step)).catch(e => { record.error = String(e); }));
  } else if (step.submit !== 'never') {
    await visit(record, step).catch(e => { record.error = String(e); });
  }
  return { action: 'accept' };
}

// Every JSON-RPC message the client sends, and receives once connected, as the client saw it.
const transcript = [];

function recordTranscript(transport) {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => { transcript.push(JSON.stringify(message)); return send(message, options); };
}

function recordReceived(transport) {
  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => { transcript.push(JSON.stringify(message)); return receive?.(message, extra); };
}

async function connect(options) {
  const token = process.env.SSHMCP_AUTH_TOKEN;
  const requestInit = token ? { headers: { Authorization: `Bearer ${token}` } } : undefined;
  // The child gets this process's whole environment: the caller decides HOME and the server's settings.
  const stdio = options.command ? { command: options.command, args: options.args, env: { ...process.env }, stderr: 'inherit' } : null;
  if (options.client === 'sdk1') {
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const transport = stdio
      ? new (await import('@modelcontextprotocol/sdk/client/stdio.js')).StdioClientTransport(stdio)
      : new (await import('@modelcontextprotocol/sdk/client/streamableHttp.js')).StreamableHTTPClientTransport(new URL(options.url), { requestInit });
    // SDK 1.x keeps the negotiated version private; it hands it to the transport, so listen there.
    let negotiated;
    const setProtocolVersion = transport.setProtocolVersion?.bind(transport);
    transport.setProtocolVersion = version => { negotiated = version; setProtocolVersion?.(version); };
    const client = new Client(clientInfo, options.elicitUrl ? { capabilities: { elicitation: { url: {} } } } : undefined);
    if (options.elicitUrl) {
      const { ElicitRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
      client.setRequestHandler(ElicitRequestSchema, onElicit);
    }
    recordTranscript(transport);
    await client.connect(transport);
    recordReceived(transport);
    return { client, sdk1: true, protocolVersion: () => negotiated, era: () => 'legacy' };
  }
  const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
  const transport = stdio
    ? new (await import('@modelcontextprotocol/client/stdio')).StdioClientTransport(stdio)
    : new StreamableHTTPClientTransport(new URL(options.url), { requestInit });
  const mode = options.client === 'sdk2-pinned' ? { pin: '2026-07-28' } : 'auto';
  const client = new Client(clientInfo, { versionNegotiation: { mode }, ...(options.elicitUrl && { capabilities: { elicitation: { url: {} } } }) });
  if (options.elicitUrl) client.setRequestHandler('elicitation/create', onElicit);
  recordTranscript(transport);
  await client.connect(transport);
  recordReceived(transport);
  return { client, sdk1: false, protocolVersion: () => client.getNegotiatedProtocolVersion(), era: () => client.getProtocolEra() };
}

// Strict, as the SDKs are not: unknown keywords, required names missing from properties and the like fail to compile.
// Union types ("type": ["string","null"]) are plain JSON Schema, so they are allowed.
function engines(schema) {
  const make = Engine => { const ajv = new Engine({ strict: true, allowUnionTypes: true, allErrors: true, validateFormats: true }); addFormats(ajv); return ajv; };
  const declared = typeof schema.$schema === 'string' ? schema.$schema.replace(/#$/, '') : null;
  if (declared?.includes('2020-12')) return { '2020-12': make(Ajv2020) };
  if (declared?.includes('draft-07') || declared?.includes('draft-06')) return { 'draft-07': make(Ajv) };
  return { 'draft-07': make(Ajv), '2020-12': make(Ajv2020) };
}

function compile(schema) {
  const validators = [];
  const errors = [];
  for (const [dialect, ajv] of Object.entries(engines(schema))) {
    try { validators.push([dialect, ajv.compile(schema)]); } catch (e) { errors.push(`${dialect}: ${e.message}`); }
  }
  return { validators, errors };
}

function validate(compiled, result) {
  if (!compiled) return { valid: true, errors: [], checked: false };
  if (compiled.errors.length > 0) return { valid: false, errors: compiled.errors, checked: true };
  if (result.structuredContent === undefined) {
    return result.isError ? { valid: true, errors: [], checked: false } : { valid: false, errors: ['no structuredContent, though the tool has an outputSchema'], checked: true };
  }
  const errors = [];
  for (const [dialect, check] of compiled.validators) {
    if (!check(result.structuredContent)) {
      errors.push(...check.errors.map(e => `${dialect}: ${e.instancePath || '/'} ${e.message}`));
    }
  }
  return { valid: errors.length === 0, errors, checked: true };
}

function describeError(e) {
  return { name: e?.name ?? 'Error', message: e?.message ?? String(e), code: typeof e?.code === 'number' ? e.code : null };
}

function textOf(result) {
  return (result.content ?? []).filter(c => c.type === 'text').map(c => c.text).join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const write = value => process.stdout.write(JSON.stringify(value) + '\n');
  let session;
  try {
    session = await connect(options);
  } catch (e) {
    write({ event: 'connect-failed', ok: false, error: describeError(e) });
    process.exit(1);
  }
  const { client } = session;
  const schemas = new Map();
  write({ event: 'connected', ok: true, protocolVersion: session.protocolVersion() ?? null, era: session.era() ?? null, server: client.getServerVersion() ?? null });

  const handlers = {
    async listTools() {
      const { tools } = await client.listTools();
      const schemaErrors = {};
      for (const tool of tools) {
        if (!tool.outputSchema) continue;
        const compiled = compile(tool.outputSchema);
        schemas.set(tool.name, compiled);
        if (compiled.errors.length > 0) schemaErrors[tool.name] = compiled.errors;
      }
      return { tools: tools.map(t => t.name), schemaErrors };
    },
    async call(request) {
      const params = { name: request.tool, arguments: request.args ?? {} };
      const options = { timeout: request.timeoutMs ?? 60_000 };
      let progress = 0;
      if (request.progress) {
        options.onprogress = () => { progress++; };
        options.resetTimeoutOnProgress = true;
      }
      // SDK 1.x takes (params, resultSchema, options); 2.x takes (params, options).
      const result = session.sdk1 ? await client.callTool(params, undefined, options) : await client.callTool(params, options);
      const shaped = { isError: result.isError === true, structuredContent: result.structuredContent, text: textOf(result) };
      return { result: shaped, validation: validate(schemas.get(request.tool), shaped), progress };
    },
    async human(request) {
      human.plan.push(...(request.plan ?? []));
      return {};
    },
    async seen() {
      await Promise.all(human.visits);
      return { elicitations: human.seen, transcript };
    },
    async close() {
      await client.close();
      return {};
    },
  };

  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let request;
    try { request = JSON.parse(line); } catch (e) { write({ ok: false, error: { name: 'BadRequest', message: e.message, code: null } }); continue; }
    const handler = handlers[request.op];
    const reply = request.id === undefined ? { op: request.op } : { id: request.id, op: request.op };
    // Read before the request runs: a closed sdk2 client forgets the version it negotiated.
    const protocolVersion = session.protocolVersion() ?? null;
    try {
      if (!handler) throw Object.assign(new Error(`unknown op ${request.op}`), { name: 'BadRequest' });
      Object.assign(reply, { ok: true }, await handler(request));
    } catch (e) {
      Object.assign(reply, { ok: false, error: describeError(e) });
    }
    reply.protocolVersion = session.protocolVersion() ?? protocolVersion;
    write(reply);
    if (request.op === 'close') break;
  }
  await client.close().catch(() => {});
  process.exit(0);
}

await main();
