// The ticket on a citizen's phone, opened from the QR printed on the ticket (/t/<signed code>).
// Plain ES5, no build step: it must run on the old Android browsers citizens carry. It shows the
// ticket, follows it live over the hub's WebSocket, and when the ticket is called it vibrates and,
// if the citizen allowed it, beeps.
(function () {
  'use strict';
  var code = decodeURIComponent(location.pathname.replace(/^\/t\//, ''));
  var lang = (navigator.language || 'vi').toLowerCase().indexOf('vi') === 0 ? 'vi' : 'en';
  var words = {
    vi: {
      label: 'SỐ THỨ TỰ CỦA ÔNG/BÀ',
      waitingAhead: function (n) { return n === 0 ? 'Ông/Bà là người tiếp theo.' : 'Còn ' + n + ' người chờ trước Ông/Bà.'; },
      estimate: function (m) { return 'Thời gian chờ dự kiến: khoảng ' + m + ' phút.'; },
      noCounter: 'Chưa có quầy nào mở: thời gian chờ sẽ được báo khi quầy mở.',
      called: function (c) { return 'Đến lượt Ông/Bà — mời đến quầy số ' + c; },
      serving: function (c) { return 'Ông/Bà đang được phục vụ tại quầy số ' + c + '.'; },
      done: 'Đã hoàn thành. Cảm ơn Ông/Bà!',
      noShow: 'Số đã được gọi nhưng Ông/Bà vắng mặt. Vui lòng liên hệ cán bộ hướng dẫn.',
      cancelled: 'Số thứ tự này đã bị hủy.',
      expired: 'Số thứ tự này thuộc một ngày đã qua.',
      notFound: 'Không tìm thấy số thứ tự này.',
      offline: 'Mất kết nối với trung tâm — đang thử lại…',
      soundOff: 'Bật âm báo khi đến lượt',
      soundOn: 'Đã bật âm báo',
      other: 'English',
      priority: ' · Ưu tiên',
      rate: 'Quý công dân vui lòng đánh giá mức độ hài lòng:',
      rated: 'Cảm ơn Ông/Bà đã đánh giá!'
    },
    en: {
      label: 'YOUR NUMBER',
      waitingAhead: function (n) { return n === 0 ? 'You are next.' : n === 1 ? '1 person is ahead of you.' : n + ' people are ahead of you.'; },
      estimate: function (m) { return 'Estimated wait: about ' + m + ' min.'; },
      noCounter: 'No counter is open yet: the wait will show once one opens.',
      called: function (c) { return 'It is your turn — please go to counter ' + c; },
      serving: function (c) { return 'You are being served at counter ' + c + '.'; },
      done: 'Done. Thank you!',
      noShow: 'Your number was called while you were away. Please ask a member of staff.',
      cancelled: 'This ticket was cancelled.',
      expired: 'This ticket was for another day.',
      notFound: 'This ticket was not found.',
      offline: 'Lost contact with the center — retrying…',
      soundOff: 'Beep when it is my turn',
      soundOn: 'Beep is on',
      other: 'Tiếng Việt',
      priority: ' · Priority',
      rate: 'How satisfied are you with the service?',
      rated: 'Thank you for your rating!'
    }
  };
  var ticket = null;
  var failure = null;
  var connected = true;
  var socket = null;
  var retry = 0;
  var pending = null;
  var heardAt = 0; // when the socket last brought anything (a pong answers the page's ping)
  var PING_MS = 25000;
  var SILENT_MS = 10000;
  var audio = null;

  function $(id) { return document.getElementById(id); }
  function text(id, value) { $(id).textContent = value; }

  function render() {
    var w = words[lang];
    document.documentElement.lang = lang;
    text('label', w.label);
    text('lang', w.other);
    text('sound', audio ? w.soundOn : w.soundOff);
    $('sound').className = audio ? 'on' : '';
    text('conn', connected ? '' : w.offline);
    var status = $('status');
    status.className = '';
    if (failure) {
      text('number', '—');
      text('status', failure === 'TICKET_EXPIRED' ? w.expired : failure === 'NETWORK' ? w.offline : w.notFound);
      return;
    }
    if (!ticket) return;
    text('center', ticket.centerName);
    text('number', String(ticket.number));
    text('field', (lang === 'vi' ? ticket.fieldVi : ticket.fieldEn) + (ticket.priority ? w.priority : ''));
    var wait = '';
    var s = '';
    if (ticket.status === 'waiting') {
      s = w.waitingAhead(ticket.peopleAhead);
      // The hub's one rule: no minutes (null) while no counter serving the field is open.
      wait = ticket.noCounterOpen || ticket.estimatedWaitMin === null ? w.noCounter : ticket.peopleAhead > 0 ? w.estimate(ticket.estimatedWaitMin) : '';
    } else if (ticket.status === 'called') {
      s = w.called(ticket.counterNumber);
      status.className = 'called';
    } else if (ticket.status === 'serving') s = w.serving(ticket.counterNumber);
    else if (ticket.status === 'done') s = w.done;
    else if (ticket.status === 'no_show') s = w.noShow;
    else s = w.cancelled;
    text('status', s);
    text('wait', wait);
    renderRating(w);
  }

  var thanked = false;
  function renderRating(w) {
    var box = $('rate');
    var levels = $('levels');
    levels.innerHTML = '';
    if (thanked) {
      box.hidden = false;
      text('rate-title', w.rated);
      return;
    }
    if (!ticket || !ticket.rateWith) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    text('rate-title', w.rate);
    ticket.rateWith.forEach(function (l) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = lang === 'vi' ? l.vi : l.en;
      b.setAttribute('data-level', String(l.value));
      b.onclick = function () { rate(l.value); };
      levels.appendChild(b);
    });
  }

  function rate(level) {
    var x = new XMLHttpRequest();
    x.open('POST', '/api/public-rating');
    x.setRequestHeader('Content-Type', 'application/json');
    x.onload = function () {
      thanked = x.status === 200 || x.status === 409;
      load();
    };
    x.send(JSON.stringify({ code: code, level: level }));
  }

  function beep() {
    if (!audio) return;
    try {
      var t = audio.currentTime;
      [0, 0.35, 0.7].forEach(function (at) {
        var o = audio.createOscillator();
        var g = audio.createGain();
        o.frequency.value = 880;
        g.gain.value = 0.4;
        o.connect(g);
        g.connect(audio.destination);
        o.start(t + at);
        o.stop(t + at + 0.25);
      });
    } catch (e) { /* a phone without sound still vibrates */ }
  }

  function announce() {
    if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 400]);
    beep();
  }

  /** A fresh state of the ticket, from the page's request or pushed by the hub as the line moves. */
  function show(body) {
    var wasCalled = ticket !== null && ticket.status === 'called';
    ticket = body;
    failure = null;
    connected = true;
    render();
    if (ticket.status === 'called' && !wasCalled) announce();
  }

  function load() {
    var x = new XMLHttpRequest();
    x.open('GET', '/api/public-ticket?code=' + encodeURIComponent(code));
    x.onload = function () {
      var body = null;
      try { body = JSON.parse(x.responseText); } catch (e) { body = null; }
      if (x.status === 200 && body) {
        show(body);
        follow();
      } else if (x.status === 429) {
        schedule(5000);
      } else {
        failure = body && body.error ? body.error.code : 'NETWORK';
        render();
      }
    };
    x.onerror = function () {
      connected = false;
      render();
      schedule(5000);
    };
    x.send();
  }

  function schedule(ms) {
    if (pending) return;
    pending = setTimeout(function () {
      pending = null;
      load();
    }, ms);
  }

  /**
   * A socket whose connection died without a word (Wi-Fi lost and back, a phone asleep: the hub's
   * goodbye never arrived) looks open and brings nothing, and may take minutes to report closed:
   * asked and silent, it is left for a new one at once.
   */
  function check() {
    var s = socket;
    if (!s || s.readyState !== 1) return;
    var askedAt = new Date().getTime();
    try { s.send(JSON.stringify({ type: 'ping' })); } catch (e) { /* answered below */ }
    setTimeout(function () {
      if (socket !== s || heardAt >= askedAt) return;
      s.onclose = null;
      s.onmessage = null;
      try { s.close(); } catch (e) { /* already gone */ }
      socket = null;
      retry = 0;
      follow();
    }, SILENT_MS);
  }

  /** Back on the Wi-Fi, or the phone woken: the ticket now, and a socket that answers. */
  function wake() {
    if (document.hidden) return;
    if (!socket) retry = 0;
    load();
    check();
  }

  function follow() {
    if (socket || !window.WebSocket || failure) return;
    // The code in the address lets the hub count this socket against its ticket, not against the
    // center's Wi-Fi address that every phone in the hall shares.
    socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws?ticket=' + encodeURIComponent(code));
    socket.onopen = function () {
      retry = 0;
      heardAt = new Date().getTime();
      socket.send(JSON.stringify({ type: 'subscribe', token: code, topics: [{ kind: 'ticket', code: code }] }));
    };
    // The hub pushes the ticket's state (never other citizens' tickets) whenever it or its line changes.
    socket.onmessage = function (m) {
      heardAt = new Date().getTime();
      var d = JSON.parse(m.data);
      if (d.type === 'ticket') show(d.ticket);
      if (d.type === 'subscribed') {
        connected = true;
        render();
      }
    };
    socket.onclose = function () {
      socket = null;
      connected = false;
      render();
      retry = Math.min(retry + 1, 5);
      setTimeout(follow, 1000 * Math.pow(2, retry));
    };
  }

  $('lang').onclick = function () {
    lang = lang === 'vi' ? 'en' : 'vi';
    render();
  };
  // Browsers let a page make sound only after a touch: the citizen's touch here allows the beep.
  $('sound').onclick = function () {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!audio && Ctx) audio = new Ctx();
    if (audio && audio.resume) audio.resume();
    render();
    beep();
  };
  setInterval(load, 60000); // figures drift with time even when nothing happens
  setInterval(check, PING_MS);
  if (document.addEventListener) document.addEventListener('visibilitychange', wake);
  if (window.addEventListener) window.addEventListener('online', wake);
  render();
  load();
})();
