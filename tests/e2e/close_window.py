"""Presses the close button of a process's windows, as a window manager does: sends
WM_DELETE_WINDOW to each top-level window on $DISPLAY whose _NET_WM_PID is the pid given.
Xvfb runs no window manager and Debian's xdotool cannot send it, so this speaks to libX11
through ctypes, which needs nothing installed. Exit status 1 when no window was found.

Usage: python3 close_window.py PID
"""

import ctypes
import sys

X = ctypes.CDLL("libX11.so.6")
Window = ctypes.c_ulong
Atom = ctypes.c_ulong


class ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", Window),
        ("message_type", Atom),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class Event(ctypes.Union):
    # XEvent is a union padded to 24 longs.
    _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]


X.XOpenDisplay.restype = ctypes.c_void_p
X.XOpenDisplay.argtypes = [ctypes.c_char_p]
X.XDefaultRootWindow.restype = Window
X.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
X.XInternAtom.restype = Atom
X.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
X.XQueryTree.argtypes = [
    ctypes.c_void_p, Window, ctypes.POINTER(Window), ctypes.POINTER(Window),
    ctypes.POINTER(ctypes.POINTER(Window)), ctypes.POINTER(ctypes.c_uint),
]
X.XGetWindowProperty.argtypes = [
    ctypes.c_void_p, Window, Atom, ctypes.c_long, ctypes.c_long, ctypes.c_int, Atom,
    ctypes.POINTER(Atom), ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte)),
]
X.XSendEvent.argtypes = [ctypes.c_void_p, Window, ctypes.c_int, ctypes.c_long, ctypes.POINTER(Event)]
X.XFree.argtypes = [ctypes.c_void_p]
X.XFlush.argtypes = [ctypes.c_void_p]
X.XCloseDisplay.argtypes = [ctypes.c_void_p]

CLIENT_MESSAGE = 33
CARDINAL = 6


def pid_of(display, window, net_wm_pid):
    kind, fmt = Atom(), ctypes.c_int()
    count, after = ctypes.c_ulong(), ctypes.c_ulong()
    data = ctypes.POINTER(ctypes.c_ubyte)()
    status = X.XGetWindowProperty(
        display, window, net_wm_pid, 0, 1, 0, CARDINAL,
        ctypes.byref(kind), ctypes.byref(fmt), ctypes.byref(count), ctypes.byref(after), ctypes.byref(data),
    )
    if status != 0 or not data:
        return None
    # A 32-bit property comes back as C longs.
    pid = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0] if count.value else None
    X.XFree(data)
    return pid


def main():
    pid = int(sys.argv[1])
    display = X.XOpenDisplay(None)
    if not display:
        sys.exit("close_window: cannot open the display")
    root = X.XDefaultRootWindow(display)
    net_wm_pid = X.XInternAtom(display, b"_NET_WM_PID", 0)
    protocols = X.XInternAtom(display, b"WM_PROTOCOLS", 0)
    delete = X.XInternAtom(display, b"WM_DELETE_WINDOW", 0)

    root_ret, parent = Window(), Window()
    children = ctypes.POINTER(Window)()
    n = ctypes.c_uint()
    X.XQueryTree(display, root, ctypes.byref(root_ret), ctypes.byref(parent), ctypes.byref(children), ctypes.byref(n))
    windows = [children[i] for i in range(n.value)]
    if children:
        X.XFree(children)

    sent = 0
    for w in windows:
        if pid_of(display, w, net_wm_pid) != pid:
            continue
        event = Event()
        event.xclient.type = CLIENT_MESSAGE
        event.xclient.window = w
        event.xclient.message_type = protocols
        event.xclient.format = 32
        event.xclient.data[0] = delete
        event.xclient.data[1] = 0  # CurrentTime
        X.XSendEvent(display, w, 0, 0, ctypes.byref(event))
        sent += 1
    X.XFlush(display)
    X.XCloseDisplay(display)
    if not sent:
        sys.exit(f"close_window: no window of process {pid}")


main()
