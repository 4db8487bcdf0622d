export PATH="$HOME/bin:$PATH"
alias ll='ls -la'
case "$1" in
  start) hugo server & ;;
  *) echo "usage: $0 start" >&2 ;;
esac
