"""Independent watcher for scripts/soak: its own ZooKeeper session; every 0.2 s one JSON line with the registered
broker ids, every partition's ISR with its min.insync.replicas, and the agents' lock queue."""
import json
import sys
import time

from kazoo.client import KazooClient

connect, out_path, stop_path = sys.argv[1], sys.argv[2], sys.argv[3]
zk = KazooClient(hosts=connect, timeout=5)
zk.start(timeout=30)
min_isr = {}


def topic_min_isr(topic):
    if topic not in min_isr:
        value = 1
        try:
            data, _ = zk.get("/config/topics/" + topic)
            value = int(json.loads(data.decode()).get("config", {}).get("min.insync.replicas", 1))
        except Exception:
            pass
        min_isr[topic] = value
    return min_isr[topic]


import os

with open(out_path, "a", buffering=1) as out:
    while not os.path.exists(stop_path):
        sample = {"t": time.time()}
        try:
            sample["ids"] = sorted(int(i) for i in zk.get_children("/brokers/ids"))
            isr = {}
            for topic in zk.get_children("/brokers/topics"):
                floor = topic_min_isr(topic)
                for p in zk.get_children("/brokers/topics/%s/partitions" % topic):
                    data, _ = zk.get("/brokers/topics/%s/partitions/%s/state" % (topic, p))
                    isr["%s-%s" % (topic, p)] = [json.loads(data.decode())["isr"], floor]
            sample["isr"] = isr
            try:
                sample["lock"] = sorted(zk.get_children("/kafka-agent/locks/disruptive"))
            except Exception:
                sample["lock"] = []
        except Exception as e:  # ZooKeeper faults are part of the soak: record and go on
            sample["error"] = str(e)
        out.write(json.dumps(sample) + "\n")
        time.sleep(0.2)
zk.stop()
