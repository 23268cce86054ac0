#!/usr/bin/env python3
"""A GSM modem on a pseudo-terminal, answering AT as a real one does (V.250, 3GPP TS 27.007/27.005
text mode), for the hub's SMS tests. The test opens the pty's slave end through serialport.

stdin: JSON lines that script faults, e.g. {"sim": "absent"}, {"signal": 99}, {"cms": 500},
       {"final": "BUSY"}, {"mute": true}, {"holdVerdict": true}, {"unplugOnText": true}, {"unplug": true}.
stdout: JSON lines: {"pty": path} once ready, {"text": {...}} when a text is handed over (Ctrl-Z),
        {"sent": {...}} when the modem reports it sent, {"unplugged": true}.
"""
import json
import os
import pty
import select
import sys
import tty

GSM7 = ('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?'
        '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà')

master, slave = pty.openpty()
tty.setraw(slave)
path = os.ttyname(slave)
link = sys.argv[1] if len(sys.argv) > 1 else None
if link:
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink(path, link)

state = {
    'echo': True, 'sim': 'ready', 'signal': 18, 'cmgf': 0, 'cscs': 'IRA', 'dcs': 0,
    'cms': None, 'final': None, 'mute': False, 'holdVerdict': False, 'unplugOnText': False,
}
ref = [0]
buf = bytearray()
text_for = [None]  # the destination while the modem waits for a text


def say(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + '\n')
    sys.stdout.flush()


def out(s):
    os.write(master, s.encode('latin-1') if isinstance(s, str) else s)


def result(code):
    out('\r\n' + code + '\r\n')


def decode(s):
    """A string parameter in the current character set (UCS2: hex, four digits a unit)."""
    if state['cscs'] == 'UCS2':
        return bytes.fromhex(s).decode('utf-16-be')
    return s


def unplug():
    # The master goes (the driver's reads fail: unplugged), but the slave stays open here until the
    # emulator is stopped: a free /dev/pts number is reused at once, and a hub still reopening this
    # path would otherwise open, and read from, the next emulator another test starts.
    say({'unplugged': True})
    os.close(master)
    while os.read(sys.stdin.fileno(), 4096):
        pass
    sys.exit(0)


def command(line):
    if state['echo']:
        out(line + '\r')
    if state['mute']:
        return
    up = line.upper()
    if up == 'AT':
        result('OK')
    elif up in ('ATE0', 'ATE1'):
        state['echo'] = up == 'ATE1'
        result('OK')
    elif up.startswith('AT+CMEE='):
        result('OK')
    elif up == 'AT+CPIN?':
        if state['sim'] == 'absent':
            result('+CME ERROR: 10')
        elif state['sim'] == 'pin':
            result('+CPIN: SIM PIN\r\n\r\nOK')
        else:
            result('+CPIN: READY\r\n\r\nOK')
    elif up == 'AT+CSQ':
        result('+CSQ: %d,99\r\n\r\nOK' % state['signal'])
    elif up.startswith('AT+CMGF='):
        state['cmgf'] = int(up[8:])
        result('OK')
    elif up.startswith('AT+CSCS='):
        state['cscs'] = line[8:].strip('"')
        result('OK')
    elif up.startswith('AT+CSMP='):
        state['dcs'] = int(up.split(',')[3])
        result('OK')
    elif up.startswith('AT+CMGS='):
        if state['cmgf'] != 1:
            result('+CMS ERROR: 302')  # operation not allowed (PDU mode expects a length)
        elif state['sim'] != 'ready':
            result('+CMS ERROR: 310')  # SIM not inserted
        elif state['final'] is not None:
            result(state['final'])
        else:
            text_for[0] = decode(line[8:].strip('"'))
            out('\r\n> ')
    else:
        result('ERROR')


def text_done(raw):
    to = text_for[0]
    text_for[0] = None
    if state['cscs'] == 'UCS2':
        text = bytes.fromhex(raw.decode('ascii')).decode('utf-16-be')
    else:
        text = ''.join(GSM7[b] for b in raw)
    message = {'to': to, 'text': text, 'dcs': state['dcs']}
    say({'text': message})
    if state['unplugOnText']:
        unplug()
    if state['holdVerdict']:
        return
    if state['cms'] is not None:
        result('+CMS ERROR: %d' % state['cms'])
        return
    if state['signal'] == 99:
        result('+CMS ERROR: 331')  # no network service
        return
    ref[0] += 1
    say({'sent': dict(message, ref=ref[0])})
    result('+CMGS: %d\r\n\r\nOK' % ref[0])


def control(msg):
    if msg.get('unplug'):
        unplug()
    for k, v in msg.items():
        state[k] = v


say({'pty': path})
stdin = sys.stdin.fileno()
pending_control = bytearray()
while True:
    ready, _, _ = select.select([master, stdin], [], [])
    if stdin in ready:
        # os.read, not readline: two control lines arriving together must both be taken now
        # (a buffered readline would keep the second where select no longer sees it).
        data = os.read(stdin, 4096)
        if not data:
            sys.exit(0)
        pending_control.extend(data)
        while b'\n' in pending_control:
            line, _, rest = bytes(pending_control).partition(b'\n')
            pending_control[:] = rest
            control(json.loads(line))
    if master in ready:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            sys.exit(0)
        for b in chunk:
            if text_for[0] is not None:
                if b == 0x1A:
                    raw = bytes(buf)
                    buf.clear()
                    text_done(raw)
                elif b == 0x1B:
                    buf.clear()
                    text_for[0] = None
                    result('OK')
                else:
                    buf.append(b)
            elif b == 0x0D:
                line = buf.decode('latin-1').strip()
                buf.clear()
                if line:
                    command(line)
            elif b != 0x0A:
                buf.append(b)
