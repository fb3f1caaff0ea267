#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for testing the scripts beside this file (as root; Debian's
# slurm-wlm and munge). Everything lives in STATE_DIR (default /tmp/patrolsim-slurm): the configuration it writes,
# state, logs and pid files; "stop" ends only the daemons whose pids it recorded.
#   local-cluster.sh start   -> prints "export SLURM_CONF=…" for the client commands (sbatch, squeue, …)
#   local-cluster.sh stop
set -euo pipefail
STATE_DIR=${STATE_DIR:-/tmp/patrolsim-slurm}
CONF=$STATE_DIR/slurm.conf
cmd=${1:-start}

stop() {
  for name in slurmd slurmctld munged; do
    pidfile=$STATE_DIR/$name.pid
    if [ -s "$pidfile" ]; then
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$pidfile"
    fi
  done
}

if [ "$cmd" = stop ]; then stop; exit 0; fi

mkdir -p "$STATE_DIR"/{state,spool,munge}
chown munge:munge "$STATE_DIR/munge"
node=$(hostname -s)
cat > "$CONF" <<CONF
ClusterName=patrolsim
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$STATE_DIR/state
SlurmdSpoolDir=$STATE_DIR/spool
SlurmctldPidFile=$STATE_DIR/slurmctld.pid
SlurmdPidFile=$STATE_DIR/slurmd.pid
SlurmctldLogFile=$STATE_DIR/slurmctld.log
SlurmdLogFile=$STATE_DIR/slurmd.log
SlurmctldPort=${SLURMCTLD_PORT:-6817}
SlurmdPort=${SLURMD_PORT:-6818}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobRequeue=1
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
SchedulerParameters=defer_batch
MinJobAge=600
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF

# munged: its own socket and pid file in STATE_DIR, so a system munged (if any) is left alone.
MUNGE_SOCKET=$STATE_DIR/munge/munge.socket
runuser -u munge -- munged --socket="$MUNGE_SOCKET" --pid-file="$STATE_DIR/munge/munged.pid" \
  --log-file="$STATE_DIR/munge/munged.log" --seed-file="$STATE_DIR/munge/munged.seed"
for _ in $(seq 50); do [ -s "$STATE_DIR/munge/munged.pid" ] && break; sleep 0.1; done
cp "$STATE_DIR/munge/munged.pid" "$STATE_DIR/munged.pid"
# cred_expire: also how long a requeued job waits before it may start again (default 120 s).
echo "AuthInfo=socket=$MUNGE_SOCKET,cred_expire=30" >> "$CONF"
sed -i "s#^CredType=cred/munge#CredType=cred/munge\nAuthAltParameters=#" "$CONF" && sed -i '/^AuthAltParameters=$/d' "$CONF"

export SLURM_CONF=$CONF
slurmctld -f "$CONF"
slurmd -f "$CONF"
for _ in $(seq 100); do
  if sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
    echo "export SLURM_CONF=$CONF"
    exit 0
  fi
  sleep 0.2
done
echo "local-cluster.sh: the node did not become idle; see $STATE_DIR/slurmctld.log and slurmd.log" >&2
sinfo >&2 || true
exit 1
