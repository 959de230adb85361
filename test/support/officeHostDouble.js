/* global window, document, performance, setInterval, clearInterval */
/*
 * A test double of the Outlook host for the browser tests: served in place of Microsoft's
 * office.js (the harness answers the CDN request with this file), it defines `window.Office`
 * with the members the task pane's adapter (addin/src/office/outlookHost.ts) uses, over a
 * scripted mailbox.
 *
 * The scenario a page starts with comes from `window.__outlookScenario`, set by an init script
 * before any page script runs:
 *   { user: { displayName, emailAddress, timeZone }, language: 'fi-FI',
 *     theme: { bodyBackgroundColor: '#ffffff' }, mailboxVersion: '1.7', item: <item spec> | null,
 *     platform: 'OfficeOnline' | 'PC' | 'Mac' | 'iOS' | 'Android' (see "Mobile platforms" below) }
 * An item spec is plain JSON:
 *   { mode: 'read' | 'compose', internetMessageId, conversationId, subject, dateTimeCreated (ISO),
 *     from: { displayName, emailAddress }, to: [...], cc: [...], body: 'text' }
 *
 * The test drives the mailbox through `window.__outlook` (see the bottom of this file), and reads
 * back what the pane did: `onReadyAt` (performance.now() when Office.onReady resolved for the pane)
 * and `calls` (each Office call the pane made, by name).
 *
 * Like Outlook, every callback is asynchronous, and an error thrown inside a callback surfaces as
 * an uncaught error rather than reaching the caller.
 */
(function () {
  'use strict';

  var scenario = window.__outlookScenario || {};
  // Log when sent: an event-runtime frame (commands.html, opened by __outlook.send) shares its pane's mailbox.
  var parentShared = null;
  try {
    parentShared = window.parent !== window && window.parent.__outlookShared ? window.parent.__outlookShared : null;
  } catch {
    parentShared = null; // a frame of another origin
  }

  var AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' };
  var EventType = {
    ItemChanged: 'olkItemSelectedChanged',
    RecipientsChanged: 'olkRecipientsChanged',
    OfficeThemeChanged: 'officeThemeChanged',
  };

  var state = {
    user: copyUser(scenario.user || {}),
    language: scenario.language || 'en-US',
    theme: { bodyBackgroundColor: (scenario.theme && scenario.theme.bodyBackgroundColor) || '#ffffff' },
    mailboxVersion: scenario.mailboxVersion || '1.7',
    /** Mailbox-level handlers by event type (Outlook keeps one per type and add-in). */
    mailboxHandlers: {},
    /** Error to answer the next call of a given name with: { message, code }. */
    failures: {},
    calls: [],
    onReadyAt: null,
  };

  function copyUser(user) {
    return {
      displayName: user.displayName || '',
      emailAddress: user.emailAddress || '',
      timeZone: user.timeZone || '',
      accountType: user.accountType || 'enterprise',
    };
  }

  function address(spec) {
    return spec ? { displayName: spec.displayName || '', emailAddress: spec.emailAddress || '', recipientType: 'other' } : null;
  }

  function addresses(list) {
    return (list || []).map(address);
  }

  /** Office's async signature: `(…arguments, options?, callback?)`; the callback is the last function. */
  function callbackOf(args) {
    for (var i = args.length - 1; i >= 0; i--) if (typeof args[i] === 'function') return args[i];
    return null;
  }

  function asyncContextOf(args) {
    for (var i = 0; i < args.length; i++) {
      var a = args[i];
      if (a && typeof a === 'object' && !Array.isArray(a) && 'asyncContext' in a) return a.asyncContext;
    }
    return undefined;
  }

  /** Answers an async call on a later task, as Outlook does, or with the failure scripted for it. */
  function answer(name, args, value) {
    state.calls.push(name);
    var callback = callbackOf(args);
    var asyncContext = asyncContextOf(args);
    var failure = state.failures[name];
    if (failure) delete state.failures[name];
    setTimeout(function () {
      if (!callback) return;
      callback(failure
        ? { status: AsyncResultStatus.Failed, value: undefined, error: { name: 'Error', message: failure.message, code: failure.code }, asyncContext: asyncContext }
        : { status: AsyncResultStatus.Succeeded, value: value, error: undefined, asyncContext: asyncContext });
    }, 0);
  }

  function deliver(handler, args) {
    setTimeout(function () {
      handler(args);
    }, 0);
  }

  function readItem(spec) {
    var bodyText = spec.body || '';
    var from = address(spec.from);
    return {
      itemType: 'message',
      itemId: spec.itemId || spec.internetMessageId || '',
      internetMessageId: spec.internetMessageId || '',
      conversationId: spec.conversationId || '',
      subject: spec.subject || '',
      dateTimeCreated: spec.dateTimeCreated ? new Date(spec.dateTimeCreated) : new Date(),
      from: from,
      sender: address(spec.sender || spec.from),
      to: addresses(spec.to),
      cc: addresses(spec.cc),
      body: {
        getAsync: function () {
          answer('body.getAsync', arguments, bodyText);
        },
      },
      getAllInternetHeadersAsync: sendLogRawHeaders(spec),
    };
  }

  function composeItem(spec) {
    var fields = {
      subject: spec.subject || '',
      to: addresses(spec.to),
      cc: addresses(spec.cc),
      from: address(spec.from || { displayName: state.user.displayName, emailAddress: state.user.emailAddress }),
    };
    var handlers = {};
    function getter(name) {
      return {
        getAsync: function () {
          var value = fields[name];
          answer(name + '.getAsync', arguments, Array.isArray(value) ? value.slice() : value);
        },
      };
    }
    var item = {
      itemType: 'message',
      conversationId: spec.conversationId || '',
      internetHeaders: sendLogDraftHeaders(fields, spec),
      addFileAttachmentFromBase64Async: draftAttachments(fields),
      subject: getter('subject'),
      to: getter('to'),
      cc: getter('cc'),
      from: getter('from'),
      body: {
        getAsync: function () {
          answer('body.getAsync', arguments, spec.body || '');
        },
      },
      addHandlerAsync: function (eventType, handler) {
        if (typeof handler === 'function' && !state.failures['item.addHandlerAsync']) handlers[eventType] = handler;
        answer('item.addHandlerAsync', arguments, undefined);
      },
      removeHandlerAsync: function (eventType) {
        delete handlers[eventType];
        answer('item.removeHandlerAsync', arguments, undefined);
      },
    };
    // for the control API: edit recipients and tell the handler
    Object.defineProperty(item, '__draft', {
      value: {
        fields: fields,
        handlers: handlers,
      },
    });
    return item;
  }

  // ---------- meetings (appointments): added for the meeting scenarios (test/browser/meetings.test.ts) ----------
  // An appointment spec is { kind: 'appointment', mode: 'read' (an attendee's view) | 'compose' (the
  // organizer's form), itemId, seriesId, subject, start (ISO), end (ISO), organizer: { displayName,
  // emailAddress }, requiredAttendees: [...], optionalAttendees: [...], body }. Read mode has plain
  // properties (Date start/end); compose mode answers getAsync for start, subject, attendees and the
  // organizer (Mailbox 1.7), and getItemIdAsync (Mailbox 1.8) with the item id, or fails for an
  // unsaved meeting (no itemId), as Outlook does.

  function appointmentRead(spec) {
    return {
      itemType: 'appointment',
      itemId: spec.itemId || '',
      seriesId: spec.seriesId || undefined,
      subject: spec.subject || '',
      start: new Date(spec.start),
      end: new Date(spec.end || spec.start),
      organizer: address(spec.organizer),
      requiredAttendees: addresses(spec.requiredAttendees),
      optionalAttendees: addresses(spec.optionalAttendees),
      body: {
        getAsync: function () {
          answer('body.getAsync', arguments, spec.body || '');
        },
      },
    };
  }

  function appointmentCompose(spec) {
    function getter(name, value) {
      return {
        getAsync: function () {
          answer(name + '.getAsync', arguments, typeof value === 'function' ? value() : value);
        },
      };
    }
    var item = {
      itemType: 'appointment',
      seriesId: spec.seriesId || undefined,
      subject: getter('subject', spec.subject || ''),
      start: getter('start', function () {
        return new Date(spec.start);
      }),
      end: getter('end', function () {
        return new Date(spec.end || spec.start);
      }),
      requiredAttendees: getter('requiredAttendees', function () {
        return addresses(spec.requiredAttendees);
      }),
      optionalAttendees: getter('optionalAttendees', function () {
        return addresses(spec.optionalAttendees);
      }),
      body: getter('body', spec.body || ''),
      getItemIdAsync: function () {
        if (!spec.itemId) state.failures.getItemIdAsync = state.failures.getItemIdAsync || { message: 'The item has not been saved', code: 9036 };
        answer('getItemIdAsync', arguments, spec.itemId);
      },
    };
    if (compareVersions('1.7', state.mailboxVersion) <= 0) {
      item.organizer = getter('organizer', address(spec.organizer || { displayName: state.user.displayName, emailAddress: state.user.emailAddress }));
    }
    return item;
  }

  function itemOf(spec) {
    if (!spec) return null;
    if (spec.kind === 'appointment') return spec.mode === 'compose' ? appointmentCompose(spec) : appointmentRead(spec);
    return spec.mode === 'compose' ? composeItem(spec) : readItem(spec);
  }

  var mailbox = parentShared ? parentShared.mailbox : {
    item: itemOf(scenario.item || null),
    get userProfile() {
      return state.user;
    },
    addHandlerAsync: function (eventType, handler) {
      if (typeof handler === 'function' && !state.failures['mailbox.addHandlerAsync']) state.mailboxHandlers[eventType] = handler;
      answer('mailbox.addHandlerAsync', arguments, undefined);
    },
    removeHandlerAsync: function (eventType) {
      delete state.mailboxHandlers[eventType];
      answer('mailbox.removeHandlerAsync', arguments, undefined);
    },
  };

  var context = parentShared ? parentShared.context : {
    get displayLanguage() {
      return state.language;
    },
    get officeTheme() {
      var bg = state.theme.bodyBackgroundColor;
      return { bodyBackgroundColor: bg, bodyForegroundColor: '', controlBackgroundColor: bg, controlForegroundColor: '' };
    },
    requirements: {
      isSetSupported: function (name, version) {
        if (name !== 'Mailbox') return false;
        return compareVersions(version || '1.1', state.mailboxVersion) <= 0;
      },
    },
    mailbox: mailbox,
    diagnostics: { host: 'Outlook', platform: 'OfficeOnline', version: '16.0' },
  };

  // ---------------------------------------------------------------------------------------------
  // Log when sent (issue 11, "Logging what I send"): internet headers (Mailbox 1.8) and the send
  // event of event-based activation (Mailbox 1.12). Added for test/browser/sending.test.ts; the
  // behaviour above is unchanged.
  //   - a draft has `internetHeaders` (setAsync/getAsync/removeAsync) from Mailbox 1.8;
  //   - a read item has `getAllInternetHeadersAsync` from 1.8, answering its spec's `headers`
  //     ({ name: value }) as raw RFC 5322 text;
  //   - `Office.actions.associate(name, handler)` records the handler of the event runtime;
  //   - `__outlook.send()` sends the open draft like Outlook: from 1.12 it loads the event runtime
  //     (/commands.html in a hidden frame that shares this mailbox), calls the manifest's
  //     `onMessageSendHandler` with an event whose `completed({ allowEvent })` settles the send, and
  //     answers { completed, sent } where `sent` is the sent copy's item spec (headers included).
  var associated = {};

  function atLeast(version) {
    return compareVersions(version, state.mailboxVersion) <= 0;
  }

  function sendLogDraftHeaders(fields, spec) {
    fields.headers = Object.assign({}, spec.headers || {});
    if (!atLeast('1.8')) return undefined;
    return {
      setAsync: function (values) {
        Object.keys(values || {}).forEach(function (k) {
          fields.headers[k] = String(values[k]);
        });
        answer('internetHeaders.setAsync', arguments, undefined);
      },
      getAsync: function (names) {
        var found = {};
        (names || []).forEach(function (n) {
          Object.keys(fields.headers).forEach(function (k) {
            if (k.toLowerCase() === String(n).toLowerCase()) found[n] = fields.headers[k];
          });
        });
        answer('internetHeaders.getAsync', arguments, found);
      },
      removeAsync: function (names) {
        (names || []).forEach(function (n) {
          Object.keys(fields.headers).forEach(function (k) {
            if (k.toLowerCase() === String(n).toLowerCase()) delete fields.headers[k];
          });
        });
        answer('internetHeaders.removeAsync', arguments, undefined);
      },
    };
  }

  // Attach offer (issue 12): from Mailbox 1.8 a draft takes a file from base64; the control's
  // `attachments()` reads back what the draft carries (name, base64, isInline).
  function draftAttachments(fields) {
    fields.attachments = [];
    if (!atLeast('1.8')) return undefined;
    return function (base64, name, options) {
      var failing = state.failures['addFileAttachmentFromBase64Async'];
      if (!failing) fields.attachments.push({ name: String(name), base64: String(base64), isInline: Boolean(options && options.isInline) });
      answer('addFileAttachmentFromBase64Async', arguments, failing ? undefined : 'attachment-' + fields.attachments.length);
    };
  }

  function sendLogRawHeaders(spec) {
    if (!atLeast('1.8')) return undefined;
    return function () {
      var lines = ['Received: from mail.omnia.fi by outlook.office365.com', 'Message-ID: ' + (spec.internetMessageId || ''), 'Subject: ' + (spec.subject || '')];
      var headers = spec.headers || {};
      Object.keys(headers).forEach(function (k) {
        lines.push(k + ': ' + headers[k]);
      });
      answer('getAllInternetHeadersAsync', arguments, lines.join('\r\n') + '\r\n');
    };
  }

  var sentCount = 0;
  function sendDraft() {
    var item = mailbox.item;
    if (!item || !item.__draft) return Promise.reject(new Error('__outlook: no draft is open'));
    var fields = item.__draft.fields;
    sentCount += 1;
    var sent = {
      mode: 'read',
      internetMessageId: '<sent-' + sentCount + '-' + Date.now() + '@omnia.fi>',
      conversationId: item.conversationId || 'sent-conversation-' + sentCount,
      subject: fields.subject,
      dateTimeCreated: new Date().toISOString(),
      from: { displayName: state.user.displayName, emailAddress: state.user.emailAddress },
      to: fields.to.map(function (a) { return { displayName: a.displayName, emailAddress: a.emailAddress }; }),
      cc: fields.cc.map(function (a) { return { displayName: a.displayName, emailAddress: a.emailAddress }; }),
      body: '',
      headers: Object.assign({}, fields.headers),
    };
    if (!atLeast('1.12')) return Promise.resolve({ completed: null, sent: sent });
    return new Promise(function (resolve, reject) {
      var frame = document.createElement('iframe');
      frame.style.display = 'none';
      frame.title = 'Outlook event runtime';
      var started = Date.now();
      var timer = setInterval(function () {
        var handler = associated.onMessageSendHandler;
        if (!handler) {
          if (Date.now() - started > 10000) {
            clearInterval(timer);
            reject(new Error('__outlook: the event runtime bound no onMessageSendHandler'));
          }
          return;
        }
        clearInterval(timer);
        state.calls.push('onMessageSendHandler');
        handler({
          type: 'olkMessageSend',
          completed: function (options) {
            state.calls.push('event.completed');
            frame.remove();
            delete associated.onMessageSendHandler;
            resolve({ completed: options || null, sent: Object.assign(sent, { headers: Object.assign({}, fields.headers) }) });
          },
        });
      }, 20);
      frame.src = '/commands.html';
      document.body.appendChild(frame);
    });
  }

  function compareVersions(a, b) {
    var x = String(a).split('.').map(Number);
    var y = String(b).split('.').map(Number);
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      var d = (x[i] || 0) - (y[i] || 0);
      if (d !== 0) return d;
    }
    return 0;
  }

  // ------------------------------------------------------------------------------------------
  // Mobile platforms (issue #11, "Outlook mobile"). `scenario.platform` is the client's
  // Office.context.platform: 'OfficeOnline' (the default, as before), 'PC', 'Mac', 'Universal',
  // or 'iOS' / 'Android' for Outlook mobile. Outlook on iOS and Android supports the Mailbox sets
  // up to 1.5 (so `mailboxVersion` defaults to 1.5 there), reports NestedAppAuth 1.1 and
  // DialogApi 1.1, and has no pinned pane: its pane belongs to one mail, so item-changed never fires.
  var platform = scenario.platform || 'OfficeOnline';
  var mobile = platform === 'iOS' || platform === 'Android';
  if (mobile && !scenario.mailboxVersion) state.mailboxVersion = '1.5';
  var otherSets = mobile ? { NestedAppAuth: '1.1', DialogApi: '1.1' } : {};
  var mailboxOnly = context.requirements.isSetSupported;
  context.requirements.isSetSupported = function (name, version) {
    if (name === 'Mailbox') return mailboxOnly(name, version);
    return otherSets[name] !== undefined && compareVersions(version || '1.1', otherSets[name]) <= 0;
  };
  context.platform = platform;
  context.diagnostics = { host: 'Outlook', platform: platform, version: mobile ? '4.2450.0' : '16.0' };
  // ------------------------------------------------------------------------------------------

  // Office initialises after the page's own scripts have loaded (office.js waits for the document too).
  var hostInfo = { host: 'Outlook', platform: platform };
  var initialised = new Promise(function (resolve) {
    function init() {
      setTimeout(function () {
        resolve(hostInfo);
      }, 0);
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init, { once: true });
    else init();
  });

  var Office = {
    AsyncResultStatus: AsyncResultStatus,
    EventType: EventType,
    CoercionType: { Text: 'text', Html: 'html' },
    HostType: { Outlook: 'Outlook' },
    PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac', iOS: 'iOS', Android: 'Android', Universal: 'Universal' },
    MailboxEnums: { ItemType: { Message: 'message', Appointment: 'appointment' } },
    context: context,
    onReady: function (callback) {
      state.calls.push('onReady');
      return initialised.then(function (info) {
        if (state.onReadyAt === null) state.onReadyAt = performance.now();
        if (typeof callback === 'function') callback(info);
        return info;
      });
    },
    initialize: undefined,
    actions: {
      associate: function (name, handler) {
        state.calls.push('actions.associate');
        (parentShared ? parentShared.associated : associated)[name] = handler;
      },
    },
  };

  function fire(eventType, args) {
    var handler = state.mailboxHandlers[eventType];
    if (handler) deliver(handler, args);
    return Boolean(handler);
  }

  function draft() {
    var item = mailbox.item;
    if (!item || !item.__draft) throw new Error('__outlook: no draft is open');
    return item.__draft;
  }

  window.Office = Office;
  if (!parentShared) window.__outlookShared = { mailbox: mailbox, context: context, associated: associated };

  /** The test's handle on the mailbox. */
  window.__outlook = {
    get onReadyAt() {
      return state.onReadyAt;
    },
    get calls() {
      return state.calls.slice();
    },
    /** Replaces the selected item (a spec, or null for none) without telling the pane. */
    setItem: function (spec) {
      mailbox.item = itemOf(spec);
    },
    /** Tells the pane the selection changed; false when it has no item-changed handler (never fired on mobile). */
    fireItemChanged: function () {
      if (mobile) return false;
      return fire(EventType.ItemChanged, { type: EventType.ItemChanged });
    },
    /** The user selects another item in a pinned pane. */
    selectItem: function (spec) {
      mailbox.item = itemOf(spec);
      return window.__outlook.fireItemChanged();
    },
    setUser: function (user) {
      state.user = copyUser(user);
    },
    setLanguage: function (tag) {
      state.language = tag;
    },
    /** Changes the Office theme and tells the pane. */
    setTheme: function (theme) {
      state.theme = { bodyBackgroundColor: theme.bodyBackgroundColor };
      return fire(EventType.OfficeThemeChanged, { type: EventType.OfficeThemeChanged, officeTheme: context.officeTheme });
    },
    /** Edits a recipient field of the open draft ('to' or 'cc') and fires RecipientsChanged on the item. */
    setComposeRecipients: function (field, recipients) {
      var d = draft();
      d.fields[field] = addresses(recipients);
      var handler = d.handlers[EventType.RecipientsChanged];
      var changed = { to: field === 'to', cc: field === 'cc', bcc: field === 'bcc' };
      if (handler) deliver(handler, { type: EventType.RecipientsChanged, changedRecipientFields: changed });
      return Boolean(handler);
    },
    /** The next call of `name` (e.g. 'body.getAsync', 'mailbox.addHandlerAsync') fails with this error. */
    failNext: function (name, error) {
      state.failures[name] = { message: (error && error.message) || 'The operation failed', code: (error && error.code) || 9000 };
    },
    /** Log when sent: sends the open draft (see the section above); resolves { completed, sent }. */
    send: function () {
      return sendDraft();
    },
    /** The files attached to the open draft: [{ name, base64, isInline }]. */
    attachments: function () {
      return draft().fields.attachments.slice();
    },
    hasHandler: function (eventType) {
      return Boolean(state.mailboxHandlers[EventType[eventType] || eventType]);
    },
  };
})();
