// Runs the built Electron main bundle (dist/electron/main.cjs) in plain Node, with a stand-in for
// the `electron` module only: everything else in the bundle is the real code. The stand-in renders
// nothing; it records what the app asks of Electron and tells the test over the fork channel:
// windows and their options, URLs loaded (fetched for real, so a dead hub fails like in Chromium),
// menus, IPC handlers, dialogs, login items, relaunches and exits. The test drives it back with
// commands: invoke an IPC handler as a page would, try to close a window, throw in the main process.
// Usage: fork(thisFile, [bundle, ...appArgs], { env: { STANDIN_USER_DATA } })
'use strict';
const Module = require('node:module');
const { EventEmitter } = require('node:events');

const bundle = process.argv[2];
process.argv.splice(2, 1); // the app sees its own arguments after argv[1], as under Electron
const userData = process.env.STANDIN_USER_DATA;
const tell = (msg) => {
  if (process.connected) process.send(msg);
};

const windows = [];
let nextWindowId = 1;

class WebContents extends EventEmitter {
  constructor(win) {
    super();
    this.win = win;
    this.url = '';
  }
  setWindowOpenHandler() {}
  send(channel, payload) {
    tell({ type: 'send', window: this.win.id, channel, payload });
  }
  reload() {
    void this.win.loadURL(this.url);
  }
  forcefullyCrashRenderer() {}
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.id = nextWindowId++;
    this.options = options;
    this.destroyed = false;
    this.kiosk = Boolean(options.kiosk);
    this.webContents = new WebContents(this);
    windows.push(this);
    tell({ type: 'window', id: this.id, options: JSON.parse(JSON.stringify(options)) });
  }
  static getAllWindows() {
    return windows.filter((w) => !w.destroyed);
  }
  static fromWebContents(wc) {
    return wc && wc.win ? wc.win : null;
  }
  isDestroyed() {
    return this.destroyed;
  }
  show() {
    tell({ type: 'show', window: this.id });
  }
  focus() {}
  setKiosk(on) {
    this.kiosk = on;
    tell({ type: 'kiosk', window: this.id, on });
  }
  isKiosk() {
    return this.kiosk;
  }
  async loadURL(url) {
    this.webContents.url = url;
    if (url.startsWith('data:')) {
      const html = decodeURIComponent(url.slice(url.indexOf(',') + 1));
      tell({ type: 'load', window: this.id, url: 'data:', html });
      this.emit('ready-to-show');
      return;
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      const body = await res.text();
      tell({ type: 'load', window: this.id, url, status: res.status, html: body.slice(0, 64_000) }); // a whole page: the kiosk's preloads put its root past 2,000 characters
      this.emit('ready-to-show');
    } catch (err) {
      tell({ type: 'load-failed', window: this.id, url, error: String(err && err.cause ? err.cause.code : err) });
      this.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', url, true);
      throw new Error(`ERR_CONNECTION_REFUSED (-102) loading '${url}'`);
    }
  }
  close() {
    let prevented = false;
    this.emit('close', {
      preventDefault: () => {
        prevented = true;
      },
    });
    if (!prevented) this.destroyed = true;
    return prevented;
  }
}

const ipcHandlers = new Map();
const app = new EventEmitter();
Object.assign(app, {
  getPath: (name) => {
    if (name !== 'userData') throw new Error(`stand-in: getPath(${name}) not known`);
    return userData;
  },
  getVersion: () => '0.1.0',
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  setLoginItemSettings: (settings) => tell({ type: 'login-item', settings }),
  relaunch: (opts) => tell({ type: 'relaunch', opts: opts || null }),
  exit: (code) => {
    tell({ type: 'exit', code });
    setTimeout(() => process.exit(code), 50);
  },
  quit: () => {
    app.emit('before-quit');
    tell({ type: 'quit' });
    setTimeout(() => process.exit(0), 200);
  },
});

const electron = {
  app,
  BrowserWindow,
  ipcMain: {
    handle: (channel, fn) => {
      ipcHandlers.set(channel, fn);
      tell({ type: 'ipc-handler', channel });
    },
  },
  Menu: {
    buildFromTemplate: (template) => template,
    setApplicationMenu: (menu) =>
      tell({ type: 'menu', labels: menu ? menu.flatMap((m) => [m.label, ...(m.submenu || []).map((s) => s.label || s.role)]) : null }),
  },
  session: { defaultSession: { setPermissionRequestHandler: () => tell({ type: 'permissions-locked' }) } },
  dialog: { showErrorBox: (title, body) => tell({ type: 'error-box', title, body }) },
};

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'electron') return electron;
  return load.call(this, request, parent, isMain);
};

process.on('message', async (cmd) => {
  if (cmd.type === 'invoke') {
    const fn = ipcHandlers.get(cmd.channel);
    const win = windows[0];
    if (!fn) return tell({ type: 'invoked', id: cmd.id, error: 'no handler' });
    try {
      const value = await fn({ senderFrame: { url: cmd.senderUrl }, sender: win.webContents }, cmd.payload);
      tell({ type: 'invoked', id: cmd.id, value });
    } catch (err) {
      tell({ type: 'invoked', id: cmd.id, error: String(err && err.message) });
    }
  } else if (cmd.type === 'close') {
    const win = windows.find((w) => w.id === cmd.window);
    tell({ type: 'closed', id: cmd.id, prevented: win ? win.close() : null });
  } else if (cmd.type === 'throw') {
    setTimeout(() => {
      throw new Error(cmd.message);
    });
  }
});

tell({ type: 'started' });
require(bundle);
